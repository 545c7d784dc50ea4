package uk.nhs.sdk.messaging.notify;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The routing plan a message or channel was sent with, as NHS Notify reports it.
 *
 * @param id the routing plan id
 * @param name the plan's name, when reported (message level)
 * @param version the plan's version, when reported
 * @param type whether it is the requested plan or a conditional override, when reported (channel
 *     level)
 * @param createdDate when the plan version was created, when reported
 */
public record NotifyRoutingPlanRef(
        UUID id,
        Optional<String> name,
        Optional<String> version,
        Optional<NotifyRoutingPlanType> type,
        Optional<Instant> createdDate) {
    /**
     * Checks the components.
     *
     * @param id the id
     * @param name the name
     * @param version the version
     * @param type the type
     * @param createdDate the creation time
     */
    public NotifyRoutingPlanRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(createdDate, "createdDate");
    }
}

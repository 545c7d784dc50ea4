package uk.nhs.sdk.messaging.notify;

import java.util.List;
import java.util.Objects;

/**
 * What {@link NotifyCallbackVerifier#verify} decided about one callback: the HTTP status to
 * answer NHS Notify with and, when the callback is genuine, its events.
 *
 * <ul>
 *   <li>{@code 202}: genuine; {@link #events()} holds the events not seen before (all of them
 *       without a de-duplicator) and {@link #duplicates()} counts those dropped as seen before.</li>
 *   <li>{@code 401}: the {@code x-api-key} header is missing or wrong.</li>
 *   <li>{@code 403}: the {@code x-hmac-sha256-signature} header is missing or does not match the
 *       body: ignore the request, as NHS Notify asks.</li>
 *   <li>{@code 400}: genuine (the signature matches) but not a callback body the SDK can read.</li>
 * </ul>
 *
 * @param status the HTTP status to answer with
 * @param reason why, for your logs: a fixed phrase that never quotes the request
 * @param events the new events, in body order (empty unless the status is 202)
 * @param duplicates how many events were dropped as already seen
 */
public record NotifyCallbackResult(int status, String reason, List<NotifyCallbackEvent> events, int duplicates) {
    /**
     * Checks the components and copies the list.
     *
     * @param status the status
     * @param reason the reason
     * @param events the events
     * @param duplicates the duplicates dropped
     */
    public NotifyCallbackResult {
        Objects.requireNonNull(reason, "reason");
        events = List.copyOf(events);
    }

    /**
     * Whether the callback is genuine and readable (status 202).
     *
     * @return {@code true} for 202
     */
    public boolean accepted() {
        return status == 202;
    }
}

package uk.nhs.sdk.messaging.notify;

import java.util.Objects;
import java.util.Optional;

/**
 * What NHS Notify said to one message: its id and the reference it was sent with. When the send
 * was retried and NHS Notify answered that it already holds a message with this reference
 * ({@code 422 CM_DUPLICATE_REQUEST} after an earlier attempt), the message counts as accepted but
 * its id is not known: {@link #alreadyAccepted()} is {@code true} and {@link #messageId()} empty.
 *
 * @param messageId the message id (a KSUID), when NHS Notify gave it
 * @param messageReference the message reference that was sent
 * @param alreadyAccepted {@code true} when NHS Notify answered that it already held this reference
 */
public record NotifySendResult(Optional<String> messageId, String messageReference, boolean alreadyAccepted) {
    /**
     * Checks the components.
     *
     * @param messageId the message id, if known
     * @param messageReference the message reference
     * @param alreadyAccepted whether it was already accepted
     */
    public NotifySendResult {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(messageReference, "messageReference");
    }

    /**
     * The id and the outcome only (a reference may be meaningful to the caller's records).
     *
     * @return such as {@code NotifySendResult[id=2WL3qFTEFM0qMY8xjRbt1LIKCzM]}
     */
    @Override
    public String toString() {
        return "NotifySendResult[" + (alreadyAccepted ? "already accepted, " : "") + "id=" + messageId.orElse("unknown")
                + "]";
    }
}

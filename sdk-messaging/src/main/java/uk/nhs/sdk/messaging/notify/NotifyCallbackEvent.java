package uk.nhs.sdk.messaging.notify;

import java.time.Instant;

/**
 * One item of a verified NHS Notify callback body: a {@link MessageStatusEvent} or a
 * {@link ChannelStatusEvent}. Callbacks can arrive more than once and out of order: de-duplicate
 * on {@link #idempotencyKey()} ({@link NotifyCallbackDeduplicator}) and order by
 * {@link #timestamp()} ({@link NotifyStatusTracker}).
 */
public sealed interface NotifyCallbackEvent permits MessageStatusEvent, ChannelStatusEvent {
    /**
     * The message id.
     *
     * @return a KSUID
     */
    String messageId();

    /**
     * The caller's message reference.
     *
     * @return the reference
     */
    String messageReference();

    /**
     * When the status changed.
     *
     * @return the time
     */
    Instant timestamp();

    /**
     * The event's de-duplication key ({@code meta.idempotencyKey}).
     *
     * @return the key
     */
    String idempotencyKey();
}

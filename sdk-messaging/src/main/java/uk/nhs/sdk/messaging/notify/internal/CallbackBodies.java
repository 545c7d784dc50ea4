package uk.nhs.sdk.messaging.notify.internal;

import java.util.List;
import java.util.Optional;
import uk.nhs.sdk.messaging.notify.NotifyCallbackEvent;

/**
 * Reads callback bodies into events. Internal.
 */
public final class CallbackBodies {
    private CallbackBodies() {
    }

    /**
     * Reads a callback body.
     *
     * @param body the raw body
     * @return the events, or empty when the body is not a readable callback
     */
    public static Optional<List<NotifyCallbackEvent>> parse(byte[] body) {
        throw new UnsupportedOperationException("not yet");
    }
}

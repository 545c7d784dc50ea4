package uk.nhs.sdk.core.internal.http;

import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Call;
import okhttp3.EventListener;

/**
 * What one attempt did on the wire: whether any byte of the request was sent. Attached to the
 * OkHttp request as a tag and set by an event listener. Internal.
 */
final class AttemptState {
    static final EventListener.Factory LISTENER_FACTORY = call -> {
        AttemptState state = call.request().tag(AttemptState.class);
        return state == null ? EventListener.NONE : state.listener;
    };

    private final AtomicBoolean bytesSent = new AtomicBoolean();
    private final EventListener listener = new EventListener() {
        @Override
        public void requestHeadersStart(Call call) {
            bytesSent.set(true);
        }

        @Override
        public void requestBodyStart(Call call) {
            bytesSent.set(true);
        }
    };

    boolean bytesSent() {
        return bytesSent.get();
    }

    void markBytesSent() {
        bytesSent.set(true);
    }
}

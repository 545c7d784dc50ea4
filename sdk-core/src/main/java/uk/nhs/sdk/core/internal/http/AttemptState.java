package uk.nhs.sdk.core.internal.http;

import okhttp3.Call;
import okhttp3.EventListener;

/**
 * Tells the call's state when OkHttp starts sending a request, so the retry step knows whether any
 * byte may have reached the server. Internal.
 */
final class AttemptState {
    static final EventListener.Factory LISTENER_FACTORY = call -> {
        CallState state = call.request().tag(CallState.class);
        return state == null ? EventListener.NONE : new Listener(state);
    };

    private AttemptState() {}

    private static final class Listener extends EventListener {
        private final CallState state;

        Listener(CallState state) {
            this.state = state;
        }

        @Override
        public void requestHeadersStart(Call call) {
            state.markSent();
        }

        @Override
        public void requestBodyStart(Call call) {
            state.markSent();
        }
    }
}

package uk.nhs.sdk.core.internal.http;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import uk.nhs.sdk.core.auth.AuthProvider;
import uk.nhs.sdk.core.auth.AuthRequest;
import uk.nhs.sdk.core.http.NhsResponse;
import uk.nhs.sdk.core.http.PipelineCall;
import uk.nhs.sdk.core.http.PipelineEvents;
import uk.nhs.sdk.core.http.PipelineNext;
import uk.nhs.sdk.core.http.PipelinePolicy;

/**
 * The first per-attempt step: credentials, fresh for every attempt. A 401 asks the provider to
 * refresh once per call; when it can, the retry step tries again at once. Internal.
 */
final class AuthStep implements PipelinePolicy {
    private final AuthProvider auth;
    private final PipelineEvents events;

    AuthStep(AuthProvider auth, PipelineEvents events) {
        this.auth = auth;
        this.events = events;
    }

    @Override
    public NhsResponse process(PipelineCall c, PipelineNext next) {
        CallState call = (CallState) c;
        Attempt attempt = new Attempt(call, events);
        auth.authenticate(attempt);
        NhsResponse response = next.process();
        if (response.status() == 401 && call.claimAuthRefresh() && auth.refreshAfterUnauthorized(attempt)) {
            call.requestAuthRetry();
        }
        return response;
    }

    /** The attempt as the auth provider sees it. */
    private static final class Attempt implements AuthRequest {
        private final CallState call;
        private final int number;
        private final PipelineEvents events;

        Attempt(CallState call, PipelineEvents events) {
            this.call = call;
            this.number = call.attempt();
            this.events = events;
        }

        @Override
        public void reportTokenFetch(String provider, boolean success, Duration took) {
            events.tokenFetched(call.service(), provider, success, took);
        }

        @Override
        public String method() {
            return call.request().method();
        }

        @Override
        public URI url() {
            return call.url().uri();
        }

        @Override
        public String requestId() {
            return call.request().requestId();
        }

        @Override
        public int attempt() {
            return number;
        }

        @Override
        public void header(String name, String value) {
            call.setHeader(name, value);
        }

        @Override
        public Optional<String> header(String name) {
            return call.header(name);
        }

        @Override
        public Optional<Instant> deadline() {
            return Optional.of(call.deadline());
        }
    }
}

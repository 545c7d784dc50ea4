package uk.nhs.sdk.core.internal.http;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import uk.nhs.sdk.core.auth.AuthProvider;
import uk.nhs.sdk.core.auth.AuthRequest;
import uk.nhs.sdk.core.http.NhsResponse;
import uk.nhs.sdk.core.http.PipelineCall;
import uk.nhs.sdk.core.http.PipelineNext;
import uk.nhs.sdk.core.http.PipelinePolicy;

/**
 * The first per-attempt step: credentials, fresh for every attempt. A 401 asks the provider to
 * refresh once per call; when it can, the retry step tries again at once. Internal.
 */
final class AuthStep implements PipelinePolicy {
    private final AuthProvider auth;

    AuthStep(AuthProvider auth) {
        this.auth = auth;
    }

    @Override
    public NhsResponse process(PipelineCall c, PipelineNext next) {
        CallState call = (CallState) c;
        Attempt attempt = new Attempt(call);
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

        Attempt(CallState call) {
            this.call = call;
            this.number = call.attempt();
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

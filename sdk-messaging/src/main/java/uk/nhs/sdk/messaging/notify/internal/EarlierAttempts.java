package uk.nhs.sdk.messaging.notify.internal;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import uk.nhs.sdk.core.error.NhsTransportException;
import uk.nhs.sdk.core.http.NhsRequest;
import uk.nhs.sdk.core.http.NhsResponse;
import uk.nhs.sdk.core.http.PipelineCall;
import uk.nhs.sdk.core.http.PipelineNext;
import uk.nhs.sdk.core.http.PipelinePolicy;

/**
 * A per-attempt policy that remembers, for the sends it is asked to watch, whether an attempt
 * before the last one may have reached NHS Notify: it got no answer, or a 408 or 5xx answer. Only
 * then is a {@code 422 CM_DUPLICATE_REQUEST} on a later attempt this call's own message; after an
 * attempt NHS Notify refused (a 401 the auth step refreshed, a 425 or a 429) the reference was
 * already held before the call. Thread-safe; each watched request is one call. Internal.
 */
public final class EarlierAttempts implements PipelinePolicy {
    private static final Set<Integer> MAYBE_LANDED = Set.of(408, 500, 502, 503, 504);

    private final Map<NhsRequest, Log> watched = new ConcurrentHashMap<>();

    /** What one call's attempts showed. */
    private static final class Log {
        private boolean earlierMaybe;
        private boolean currentMaybe;
    }

    /**
     * Starts watching a request; call {@link #finish} once it is done.
     *
     * @param request the request about to be executed
     */
    public void watch(NhsRequest request) {
        watched.put(request, new Log());
    }

    /**
     * Stops watching a request and says whether an attempt before its last may have reached NHS
     * Notify.
     *
     * @param request the request
     * @return {@code true} when an earlier attempt got no answer, or 408 or a 5xx status
     */
    public boolean finish(NhsRequest request) {
        Log log = watched.remove(request);
        return log != null && log.earlierMaybe;
    }

    @Override
    public NhsResponse process(PipelineCall call, PipelineNext next) {
        Log log = watched.get(call.request());
        if (log == null) {
            return next.process();
        }
        log.earlierMaybe |= log.currentMaybe;
        log.currentMaybe = false;
        try {
            NhsResponse r = next.process();
            log.currentMaybe = MAYBE_LANDED.contains(r.status());
            return r;
        } catch (NhsTransportException e) {
            log.currentMaybe = true;
            throw e;
        }
    }
}

package uk.nhs.sdk.core.internal.http;

import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.nhs.sdk.core.http.NhsResponse;
import uk.nhs.sdk.core.http.PipelineCall;
import uk.nhs.sdk.core.http.PipelineNext;
import uk.nhs.sdk.core.http.PipelinePolicy;

/**
 * The per-attempt log line (DESIGN.md §3 "Logging"): at DEBUG, method, path template, query
 * names with masked values, status or failure class, duration, attempt n/N and ids; at TRACE,
 * allow-listed response headers. Never a body, a path value or a query value. Internal.
 */
final class LoggingStep implements PipelinePolicy {
    private static final Logger LOG = LoggerFactory.getLogger("uk.nhs.sdk.http");
    private static final Set<String> LOGGED_HEADERS = Set.of(
            "content-type",
            "content-length",
            "content-encoding",
            "etag",
            "retry-after",
            "x-request-id",
            "x-correlation-id");

    private final int maxAttempts;

    LoggingStep(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    @Override
    public NhsResponse process(PipelineCall call, PipelineNext next) {
        if (!LOG.isDebugEnabled()) {
            return next.process();
        }
        long start = System.nanoTime();
        try {
            NhsResponse r = next.process();
            log(call, String.valueOf(r.status()), start);
            if (LOG.isTraceEnabled()) {
                StringBuilder sb = new StringBuilder();
                for (String name : r.headers().names()) {
                    if (LOGGED_HEADERS.contains(name)) {
                        sb.append(' ')
                                .append(name)
                                .append('=')
                                .append(r.header(name).orElse(""));
                    }
                }
                LOG.trace(
                        "{} response headers:{} (X-Request-ID={})",
                        call.service(),
                        sb,
                        call.request().requestId());
            }
            return r;
        } catch (RuntimeException e) {
            log(call, e.getClass().getSimpleName(), start);
            throw e;
        }
    }

    private void log(PipelineCall call, String result, long startNanos) {
        long ms = (System.nanoTime() - startNanos) / 1_000_000;
        LOG.debug(
                "{} {} {}{} -> {} in {} ms (attempt {}/{}, X-Request-ID={}, X-Correlation-ID={})",
                call.service(),
                call.request().method(),
                call.request().pathTemplate(),
                maskedQuery(call),
                result,
                ms,
                call.attempt(),
                maxAttempts,
                call.request().requestId(),
                call.header("X-Correlation-ID").orElse("-"));
    }

    private static String maskedQuery(PipelineCall call) {
        if (call.request().query().isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("?");
        for (Map.Entry<String, String> q : call.request().query()) {
            if (sb.length() > 1) {
                sb.append('&');
            }
            sb.append(q.getKey()).append("=***");
        }
        return sb.toString();
    }
}

package uk.nhs.sdk.opentelemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.Set;
import uk.nhs.sdk.core.error.NhsSdkException;
import uk.nhs.sdk.core.error.NhsServiceException;
import uk.nhs.sdk.core.error.NhsTransportException;
import uk.nhs.sdk.core.http.PipelineCall;

/**
 * The attribute keys of the SDK's spans and the rules that keep their values safe and bounded:
 * the HTTP client semantic conventions' keys by their string names (no semconv artifact), plus the
 * {@code nhs.*} keys. Values come from the call's method, path template, server and ids, never
 * from a path, query, body or header value other than {@code X-Request-ID}.
 */
final class SpanAttributes {
    static final AttributeKey<String> HTTP_REQUEST_METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> HTTP_REQUEST_METHOD_ORIGINAL =
            AttributeKey.stringKey("http.request.method_original");
    static final AttributeKey<String> URL_TEMPLATE = AttributeKey.stringKey("url.template");
    static final AttributeKey<String> URL_SCHEME = AttributeKey.stringKey("url.scheme");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<Long> HTTP_RESPONSE_STATUS_CODE = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<Long> HTTP_REQUEST_RESEND_COUNT = AttributeKey.longKey("http.request.resend_count");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    static final AttributeKey<String> NHS_SERVICE = AttributeKey.stringKey("nhs.service");
    static final AttributeKey<String> NHS_REQUEST_ID = AttributeKey.stringKey("nhs.request_id");
    static final AttributeKey<String> NHS_ERROR_CODE = AttributeKey.stringKey("nhs.error_code");
    static final AttributeKey<Boolean> NHS_OUTCOME_UNKNOWN = AttributeKey.booleanKey("nhs.outcome_unknown");
    static final AttributeKey<Long> NHS_ATTEMPTS = AttributeKey.longKey("nhs.attempts");

    /** The value the conventions use for anything outside a known set. */
    static final String OTHER = "_OTHER";

    private static final Set<String> KNOWN_METHODS =
            Set.of("CONNECT", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "TRACE");
    private static final int MAX_TEMPLATE_LENGTH = 256;

    private SpanAttributes() {}

    /**
     * The span name: {@code {method} {url.template}}, with {@code HTTP} as the method for one
     * outside the conventions' set (as they ask: {@code HTTP /things/{id}}).
     */
    static String spanName(PipelineCall call) {
        String method = call.request().method();
        return (KNOWN_METHODS.contains(method) ? method : "HTTP") + " " + template(call);
    }

    /** The attributes every span of the call starts with. */
    static void request(PipelineCall call, AttributesBuilder attributes) {
        String method = call.request().method();
        if (KNOWN_METHODS.contains(method)) {
            attributes.put(HTTP_REQUEST_METHOD, method);
        } else {
            attributes.put(HTTP_REQUEST_METHOD, OTHER);
            attributes.put(HTTP_REQUEST_METHOD_ORIGINAL, token(method));
        }
        attributes.put(URL_TEMPLATE, template(call));
        attributes.put(URL_SCHEME, call.serverScheme());
        attributes.put(SERVER_ADDRESS, call.serverAddress());
        attributes.put(SERVER_PORT, (long) call.serverPort());
        attributes.put(NHS_SERVICE, call.service());
        call.header("X-Request-ID").ifPresent(id -> attributes.put(NHS_REQUEST_ID, id));
    }

    /** The path template: a template's names, never its values; capped so a span stays small. */
    private static String template(PipelineCall call) {
        String t = call.request().pathTemplate();
        return t.length() <= MAX_TEMPLATE_LENGTH ? t : t.substring(0, MAX_TEMPLATE_LENGTH);
    }

    /** A method name outside the known set: an HTTP token only, capped, else {@code _OTHER}. */
    private static String token(String method) {
        return method.length() <= 32 && method.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+") ? method : OTHER;
    }

    /**
     * {@code error.type} for a failure of the call's own request: the status code of a service
     * error, the simple class name of the SDK's own exceptions (so {@code NhsTimeoutException},
     * {@code NhsTransportException}, {@code NhsServiceUnavailableException}), {@code _OTHER} for
     * anything else.
     */
    static String errorType(Throwable failure) {
        return errorType(failure, true);
    }

    private static String errorType(Throwable failure, boolean ownResponse) {
        if (failure instanceof NhsServiceException s && ownResponse) {
            return String.valueOf(s.status());
        }
        Class<?> type = failure.getClass();
        if (type.getName().startsWith("uk.nhs.sdk.") && !type.getSimpleName().isEmpty()) {
            return type.getSimpleName();
        }
        return OTHER;
    }

    /**
     * Whether a failure is about the call's own request rather than one made on its behalf: a
     * token fetch that fails in the auth step throws the token endpoint's exception (its status,
     * its request id) through the call, and the service called never answered.
     */
    private static boolean ownResponse(PipelineCall call, Throwable failure) {
        return !(failure instanceof NhsSdkException e)
                || e.requestId()
                        .map(id -> id.equals(call.request().requestId()))
                        .orElse(true);
    }

    /**
     * Adds what a failure says, bounded: status, error type, NHS error code, outcome unknown. A
     * failure of a request made on the call's behalf (a token fetch) gives no
     * {@code http.response.status_code} or {@code nhs.outcome_unknown}, and its class name as
     * {@code error.type}: the service called never answered.
     */
    static void failure(PipelineCall call, Throwable failure, AttributesBuilder attributes) {
        boolean own = ownResponse(call, failure);
        attributes.put(ERROR_TYPE, errorType(failure, own));
        if (failure instanceof NhsServiceException s) {
            if (own) {
                attributes.put(HTTP_RESPONSE_STATUS_CODE, (long) s.status());
            }
            s.errorCode().ifPresent(code -> attributes.put(NHS_ERROR_CODE, NhsErrorCodes.bounded(code)));
        }
        if (own && failure instanceof NhsTransportException t && t.outcomeUnknown()) {
            attributes.put(NHS_OUTCOME_UNKNOWN, true);
        }
    }
}

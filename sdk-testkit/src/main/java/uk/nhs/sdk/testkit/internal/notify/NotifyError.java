package uk.nhs.sdk.testkit.internal.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import uk.nhs.sdk.testkit.internal.Json;

/**
 * A refusal the Notify fake answers with: the HTTP status, the JSON:API {@code errors[]} entries
 * (codes, titles and details exactly as NHS Notify's OpenAPI spec and proxy write them) and any
 * extra headers ({@code Retry-After}).
 */
final class NotifyError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final String ABOUT = "https://digital.nhs.uk/developer/api-catalogue/nhs-notify";
    static final String NHS_NUMBERS = "https://www.datadictionary.nhs.uk/attributes/nhs_number.html";

    /** Where an error points: a JSON pointer into the body, or a header's name. */
    record Source(String kind, String value) {
        static Source pointer(String pointer) {
            return new Source("pointer", pointer);
        }

        static Source header(String name) {
            return new Source("header", name);
        }
    }

    /** One {@code errors[]} entry. */
    record Entry(String code, String title, String detail, Source source) {}

    final int status;
    final transient List<Entry> entries;
    final transient Map<String, String> headers;

    NotifyError(int status, List<Entry> entries, Map<String, String> headers) {
        super("notify error " + status, null, false, false);
        this.status = status;
        this.entries = List.copyOf(entries);
        this.headers = Map.copyOf(headers);
    }

    NotifyError(int status, Entry entry) {
        this(status, List.of(entry), Map.of());
    }

    static Entry missing(String pointer) {
        return new Entry(
                "CM_MISSING_VALUE",
                "Missing property",
                "The property at the specified location is required, but was not present in the request.",
                Source.pointer(pointer));
    }

    static Entry nullValue(String pointer) {
        return new Entry(
                "CM_NULL_VALUE",
                "Property cannot be null",
                "The property at the specified location is required, but a null value was passed in the request.",
                Source.pointer(pointer));
    }

    static Entry invalid(String pointer) {
        return new Entry(
                "CM_INVALID_VALUE",
                "Invalid value",
                "The property at the specified location does not allow this value.",
                Source.pointer(pointer));
    }

    static Entry invalidNhsNumber(String pointer) {
        return new Entry(
                "CM_INVALID_NHS_NUMBER",
                "Invalid nhs number",
                "The value provided in this nhsNumber field is not a valid NHS number.",
                Source.pointer(pointer));
    }

    static Entry duplicateValue(String pointer) {
        return new Entry(
                "CM_DUPLICATE_VALUE",
                "Duplicate value",
                "The property at the specified location is a duplicate, duplicated values are not allowed.",
                Source.pointer(pointer));
    }

    static Entry tooFewItems(String pointer) {
        return new Entry(
                "CM_TOO_FEW_ITEMS",
                "Too few items",
                "The property at the specified location contains too few items.",
                Source.pointer(pointer));
    }

    static NotifyError badRequest(List<Entry> entries) {
        return new NotifyError(400, entries, Map.of());
    }

    static NotifyError denied() {
        return new NotifyError(
                401,
                new Entry(
                        "CM_DENIED",
                        "Access denied",
                        "Access token missing, invalid or expired, or calling application not configured for this operation.",
                        Source.header("Authorization")));
    }

    static NotifyError notFound() {
        return new NotifyError(
                404,
                new Entry(
                        "CM_NOT_FOUND",
                        "Resource not found",
                        "The resource at the requested URI was not found.",
                        null));
    }

    static NotifyError noSuchRoutingPlan() {
        return new NotifyError(
                404,
                new Entry(
                        "CM_NO_SUCH_ROUTING_PLAN",
                        "No such routing plan",
                        "The routing plan specified either does not exist or is not in a usable state.",
                        Source.pointer("/data/attributes/routingPlan")));
    }

    static NotifyError notAllowed() {
        return new NotifyError(
                405,
                new Entry(
                        "CM_NOT_ALLOWED",
                        "Method not allowed",
                        "The method at the requested URI was not allowed.",
                        null));
    }

    static NotifyError notAcceptable() {
        return new NotifyError(
                406,
                new Entry(
                        "CM_NOT_ACCEPTABLE",
                        "Not acceptable",
                        "This service can only generate application/vnd.api+json or application/json.",
                        Source.header("Accept")));
    }

    static NotifyError unsupportedMedia() {
        return new NotifyError(
                415,
                new Entry(
                        "CM_UNSUPPORTED_MEDIA",
                        "Unsupported media",
                        "Invalid content-type, this API only supports application/vnd.api+json or application/json.",
                        Source.header("Content-Type")));
    }

    static NotifyError tooLarge() {
        return new NotifyError(
                413,
                new Entry(
                        "CM_TOO_LARGE",
                        "Request too large",
                        "Request message was larger than the service limit",
                        Source.pointer("/")));
    }

    static NotifyError tooManyItems() {
        return new NotifyError(
                413,
                new Entry(
                        "CM_TOO_MANY_ITEMS",
                        "Too many items",
                        "The property at the specified location contains too many items.",
                        Source.pointer("/data/attributes/messages")));
    }

    static NotifyError duplicateMessage() {
        return new NotifyError(
                422,
                new Entry(
                        "CM_DUPLICATE_REQUEST",
                        "Duplicate message request",
                        "Request exists with identical messageReference",
                        Source.pointer("/data/attributes/messageReference")));
    }

    static NotifyError duplicateBatch() {
        return new NotifyError(
                422,
                new Entry(
                        "CM_DUPLICATE_REQUEST",
                        "Duplicate batch request",
                        "Request exists with identical messageBatchReference",
                        Source.pointer("/data/attributes/messageBatchReference")));
    }

    static NotifyError duplicateInBatch(String pointer) {
        return new NotifyError(
                422,
                new Entry(
                        "CM_DUPLICATE_REQUEST",
                        "Duplicate message request",
                        "Request exists with identical messageReference",
                        Source.pointer(pointer)));
    }

    static NotifyError tooEarly() {
        return new NotifyError(
                425,
                List.of(new Entry(
                        "CM_RETRY_TOO_EARLY",
                        "Retried too early",
                        "You have retried this request too early, the previous request is still being processed. Re-send the "
                                + "request after the time (in seconds) specified `Retry-After` header.",
                        null)),
                Map.of("Retry-After", "300"));
    }

    static NotifyError internal(String code, String title, String detail) {
        return new NotifyError(500, new Entry(code, title, detail, Source.pointer("/data/attributes/routingPlanId")));
    }

    static NotifyError internal() {
        return new NotifyError(
                500,
                new Entry(
                        "CM_INTERNAL_SERVER_ERROR",
                        "Error processing request",
                        "There was an internal error whilst processing this request.",
                        null));
    }

    static NotifyError accountsBadRequest(String detail) {
        return new NotifyError(400, new Entry("CM_INVALID_REQUEST", "Invalid Request", detail, null));
    }

    static NotifyError accountsNotFound() {
        return new NotifyError(404, new Entry("CM_NOT_FOUND", "Resource not found", "Report not found", null));
    }

    static NotifyError accountsQuota() {
        return new NotifyError(
                429,
                new Entry(
                        "CM_QUOTA",
                        "Too many requests",
                        "This endpoint is currently receiving a high volume of requests and is being rate limited.",
                        null));
    }

    static NotifyError badGateway() {
        return new NotifyError(
                502,
                new Entry("CM_BAD_GATEWAY", "Unable to call service", "A downstream service is not responding.", null));
    }

    /**
     * The JSON:API error document.
     *
     * @param requestId the request's own id, which each entry's id starts with
     * @return the body
     */
    String body(String requestId) {
        ObjectNode root = Json.object();
        ArrayNode errors = root.putArray("errors");
        int n = 0;
        for (Entry e : entries) {
            ObjectNode o = errors.addObject();
            o.put("id", requestId + "." + n++);
            o.put("code", e.code());
            ObjectNode links = o.putObject("links");
            links.put("about", ABOUT);
            if ("CM_INVALID_NHS_NUMBER".equals(e.code())) {
                links.put("nhsNumbers", NHS_NUMBERS);
            }
            o.put("status", Integer.toString(status));
            o.put("title", e.title());
            o.put("detail", e.detail());
            if (e.source() != null) {
                o.putObject("source").put(e.source().kind(), e.source().value());
            }
        }
        return Json.write(root);
    }
}

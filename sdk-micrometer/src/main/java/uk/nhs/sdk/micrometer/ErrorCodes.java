package uk.nhs.sdk.micrometer;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The NHS error codes that may become an {@code error_code} tag value. The code comes from the
 * server's body, which a hostile or broken server controls, so only the codes the services
 * document are kept; any other code is {@code other}. Compiled from the SDK's service fact sheets
 * (which cite each API's OpenAPI spec, sandbox and proxy code).
 */
final class ErrorCodes {
    /** The tag value for a code outside the allow-list. */
    static final String OTHER = "other";
    /** The tag value when the failure carried no code (or was not a service error). */
    static final String NONE = "none";

    /**
     * PDS FHIR R4 (Spine-ErrorOrWarningCode, retrieve, search, update and related people): the
     * PDS specification's error tables and sandbox stubs.
     */
    private static final Set<String> PDS = Set.of(
            "ACCESS_DENIED", "ADDITIONAL_PROPERTIES", "FORBIDDEN_UPDATE", "INVALIDATED_RESOURCE", "INVALID_METHOD",
            "INVALID_RESOURCE_ID", "INVALID_SEARCH_DATA", "INVALID_UPDATE", "INVALID_VALUE", "MISSING_VALUE",
            "NOT_SUPPORTED_SEARCH", "PRECONDITION_FAILED", "RESOURCE_NOT_FOUND", "RESOURCE_VERSION_MISMATCH",
            "SERVICE_UNAVAILABLE", "TOO_FEW_VALUES_SUBMITTED", "TOO_MANY_MATCHES", "TOO_MANY_REQUESTS",
            "TOO_MANY_VALUES_SUBMITTED", "UNABLE_TO_CALL_SERVICE", "UNSUPPORTED_CHARACTERS_IN_FIELD",
            "UNSUPPORTED_REQUEST", "UNSUPPORTED_SERVICE", "UNSUPPORTED_VALUE", "VALIDATION_ERROR");

    /** MESH API v2: {@code errorCode}, {@code detail[].code} and {@code Mex-StatusCode} values. */
    private static final Set<String> MESH = Set.of(
            "00", "02", "06", "07", "08", "09", "11", "12", "14", "15", "16", "17", "18", "19", "20",
            "EPL-150", "EPL-151", "InvalidHeaderChunks", "UnsupportedContentEncoding");

    /** National Record Locator consumer and producer (NRLC/NRLP 4XX tables and the NRLF backend). */
    private static final Set<String> NRL = Set.of(
            "ACCESS_DENIED_LEVEL", "BAD_REQUEST", "INTERNAL_SERVER_ERROR", "INVALID_CODE_SYSTEM", "INVALID_CODE_VALUE",
            "INVALID_IDENTIFIER_SYSTEM", "INVALID_IDENTIFIER_VALUE", "INVALID_NHS_NUMBER", "INVALID_PARAMETER",
            "INVALID_RESOURCE", "MESSAGE_NOT_WELL_FORMED", "MISSING_OR_INVALID_HEADER", "RESOURCE_REMOVED",
            "UNPROCESSABLE_ENTITY");

    /** ODS FHIR R4 (HAPI's OperationOutcome codes the fact sheet lists). */
    private static final Set<String> ODS = Set.of("HAPI-0427", "HAPI-0524", "HAPI-1940", "HAPI-2001");

    /** NHS Notify (the JSON:API {@code errors[].code} enums). */
    private static final Set<String> NOTIFY = Set.of(
            "CM_BAD_GATEWAY", "CM_CANNOT_SET_CONTACT_DETAILS", "CM_CANNOT_SET_ODS_CODE", "CM_DENIED",
            "CM_DUPLICATE_REQUEST", "CM_DUPLICATE_VALUE", "CM_FORBIDDEN", "CM_INTERNAL_SERVER_ERROR",
            "CM_INVALID_NHS_NUMBER", "CM_INVALID_VALUE", "CM_MISSING_ROUTING_PLAN_TEMPLATE", "CM_MISSING_VALUE",
            "CM_NOT_ACCEPTABLE", "CM_NOT_ALLOWED", "CM_NOT_FOUND", "CM_NO_SUCH_ROUTING_PLAN", "CM_NULL_VALUE",
            "CM_ODS_CODE_REQUIRED", "CM_QUOTA", "CM_RETRY_TOO_EARLY", "CM_ROUTING_PLAN_DUPLICATE_TEMPLATES",
            "CM_SERVICE_BAN", "CM_SERVICE_UNAVAILABLE", "CM_TIMEOUT", "CM_TOO_FEW_ITEMS", "CM_TOO_LARGE",
            "CM_TOO_MANY_ITEMS", "CM_UNSUPPORTED_MEDIA");

    /**
     * API Platform OAuth2 token errors (the platform's error list) and the OAuth2 codes CIS2 and
     * NHS login return (RFC 6749 section 5.2).
     */
    private static final Set<String> OAUTH = Set.of(
            "access_denied", "invalid_client", "invalid_grant", "invalid_request", "invalid_scope",
            "public_key error", "unauthorized_client", "unsupported_grant_type");

    /** Each code mapped to itself, so a tag holds the SDK's own string, never the server's. */
    private static final Map<String, String> ALL = union(PDS, MESH, NRL, ODS, NOTIFY, OAUTH);

    private ErrorCodes() {
    }

    /**
     * The tag value for an error code.
     *
     * @param code the code the server sent, or {@code null}
     * @return the code when allow-listed, {@link #NONE} when absent, else {@link #OTHER}
     */
    static String tagValue(String code) {
        if (code == null) {
            return NONE;
        }
        return ALL.getOrDefault(code, OTHER);
    }

    /**
     * Every allow-listed code.
     *
     * @return the codes, unmodifiable
     */
    static Set<String> allowed() {
        return ALL.keySet();
    }

    @SafeVarargs
    private static Map<String, String> union(Set<String>... sets) {
        Map<String, String> all = new HashMap<>();
        for (Set<String> s : sets) {
            for (String code : s) {
                all.put(code, code);
            }
        }
        return Map.copyOf(all);
    }
}

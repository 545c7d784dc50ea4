package uk.nhs.sdk.opentelemetry;

import java.util.Set;

/**
 * The NHS error codes a span may carry in {@code nhs.error_code}. The code comes from the server's
 * body, so a hostile or broken server controls it: only codes the services document are recorded
 * as they are, anything else is {@code _OTHER}. The set bounds the attribute's values and keeps
 * free text (which could echo patient data) out of traces. The same codes as sdk-micrometer's
 * {@code error_code} tag, from the service fact sheets.
 */
final class NhsErrorCodes {
    private static final Set<String> KNOWN = Set.of(
            // PDS FHIR (Spine error codes)
            "ACCESS_DENIED", "ADDITIONAL_PROPERTIES", "FORBIDDEN_UPDATE", "INVALIDATED_RESOURCE",
            "INVALID_METHOD", "INVALID_RESOURCE_ID", "INVALID_SEARCH_DATA", "INVALID_UPDATE", "INVALID_VALUE",
            "MISSING_VALUE", "NOT_SUPPORTED_SEARCH", "PRECONDITION_FAILED", "RESOURCE_NOT_FOUND",
            "RESOURCE_VERSION_MISMATCH",
            "SERVICE_UNAVAILABLE", "TOO_FEW_VALUES_SUBMITTED", "TOO_MANY_MATCHES", "TOO_MANY_REQUESTS",
            "TOO_MANY_VALUES_SUBMITTED", "UNABLE_TO_CALL_SERVICE", "UNSUPPORTED_CHARACTERS_IN_FIELD",
            "UNSUPPORTED_REQUEST", "UNSUPPORTED_SERVICE", "UNSUPPORTED_VALUE", "VALIDATION_ERROR",
            // NRL
            "ACCESS_DENIED_LEVEL", "BAD_REQUEST", "INTERNAL_SERVER_ERROR", "INVALID_CODE_SYSTEM", "INVALID_CODE_VALUE",
            "INVALID_IDENTIFIER_SYSTEM", "INVALID_IDENTIFIER_VALUE", "INVALID_NHS_NUMBER", "INVALID_PARAMETER",
            "INVALID_RESOURCE", "MESSAGE_NOT_WELL_FORMED", "MISSING_OR_INVALID_HEADER", "RESOURCE_REMOVED",
            "UNPROCESSABLE_ENTITY",
            // ODS (HAPI OperationOutcome codes)
            "HAPI-0427", "HAPI-0524", "HAPI-1940", "HAPI-2001",
            // NHS Notify
            "CM_BAD_GATEWAY", "CM_CANNOT_SET_CONTACT_DETAILS", "CM_CANNOT_SET_ODS_CODE", "CM_DENIED",
            "CM_DUPLICATE_REQUEST", "CM_DUPLICATE_VALUE", "CM_FORBIDDEN", "CM_INTERNAL_SERVER_ERROR",
            "CM_INVALID_NHS_NUMBER", "CM_INVALID_VALUE", "CM_MISSING_ROUTING_PLAN_TEMPLATE", "CM_MISSING_VALUE",
            "CM_NOT_ACCEPTABLE", "CM_NOT_ALLOWED", "CM_NOT_FOUND", "CM_NO_SUCH_ROUTING_PLAN", "CM_NULL_VALUE",
            "CM_ODS_CODE_REQUIRED", "CM_QUOTA", "CM_RETRY_TOO_EARLY", "CM_ROUTING_PLAN_DUPLICATE_TEMPLATES",
            "CM_SERVICE_BAN", "CM_SERVICE_UNAVAILABLE", "CM_TIMEOUT", "CM_TOO_FEW_ITEMS", "CM_TOO_LARGE",
            "CM_TOO_MANY_ITEMS", "CM_UNSUPPORTED_MEDIA",
            // MESH
            "00", "02", "06", "07", "08", "09", "11", "12", "14", "15", "16", "17", "18", "19", "20",
            "EPL-150", "EPL-151",
            "InvalidHeaderChunks", "UnsupportedContentEncoding",
            // API Platform OAuth2 and OIDC token endpoints (RFC 6749 4.1.2.1 and 5.2; the platform's JWKS error)
            "invalid_request", "invalid_client", "invalid_grant", "unauthorized_client", "unsupported_grant_type",
            "invalid_scope", "access_denied", "public_key error");

    private NhsErrorCodes() {
    }

    /**
     * The code as recorded.
     *
     * @param code the server's code
     * @return the code when the services document it, else {@code _OTHER}
     */
    static String bounded(String code) {
        return KNOWN.contains(code) ? code : SpanAttributes.OTHER;
    }
}

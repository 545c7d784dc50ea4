package uk.nhs.sdk.core.error;

import java.util.HashSet;
import java.util.Set;

/**
 * The error codes the NHS services document, for code that must tell a documented code from one a
 * server made up: {@link NhsServiceException#errorCode()} comes from the response body, which a
 * hostile or broken server controls, so metrics, traces and logs keep a code as it is only when
 * {@link #isDocumented(String)} says so (and record something fixed, such as {@code other},
 * otherwise). That bounds the values and keeps free text, which could echo patient data, out.
 *
 * <p>The codes, by service and the fact sheet (with the upstream source it cites) they come from:
 * <ul>
 *   <li>PDS FHIR: the identity fact sheet's error catalogue (Spine-ErrorOrWarningCode values of the
 *       PDS OpenAPI specification {@code personal-demographics.yaml}, its sandbox stubs
 *       {@code errorResponses/} and the proxy's {@code UNSUPPORTED_REQUEST}).</li>
 *   <li>MESH API v2: the MESH fact sheet's error codes ({@code errorCode}, {@code detail[].code}
 *       and {@code Mex-StatusCode}: the specification's table plus the sandbox's
 *       {@code ErrorCodeMap}).</li>
 *   <li>National Record Locator: the records fact sheet's errors (the NRLC/NRLP 4XX tables, the
 *       producer API's examples, the NRLF backend's codes and the proxy's missing-header code).</li>
 *   <li>ODS FHIR (Organisation Data Terminology): the records fact sheet's HAPI OperationOutcome
 *       codes.</li>
 *   <li>NHS Notify: the messaging fact sheet's error model (the {@code errors[].code} enums,
 *       {@code schemas/enums/Error*.yaml}).</li>
 *   <li>API Platform OAuth2 token endpoint: the identity fact sheet's token errors (the identity
 *       service's error list), and the RFC 6749 section 5.2 codes CIS2 and NHS login return.</li>
 * </ul>
 * Codes are matched exactly (case included).
 */
public final class NhsErrorCodes {
    /** PDS FHIR R4. */
    private static final Set<String> PDS = Set.of(
            "ACCESS_DENIED",
            "ADDITIONAL_PROPERTIES",
            "FORBIDDEN_UPDATE",
            "INSERT_BIRTH_DEATH_STATUS_INCONSISTENT",
            "INVALIDATED_RESOURCE",
            "INVALID_CREATE",
            "INVALID_METHOD",
            "INVALID_RESOURCE_ID",
            "INVALID_SEARCH_DATA",
            "INVALID_UPDATE",
            "INVALID_VALUE",
            "MISSING_VALUE",
            "MULTIPLE_MATCHES",
            "PRECONDITION_FAILED",
            "RESOURCE_NOT_FOUND",
            "RESOURCE_VERSION_MISMATCH",
            "SERVICE_UNAVAILABLE",
            "TOO_FEW_VALUES_SUBMITTED",
            "TOO_MANY_MATCHES",
            "TOO_MANY_REQUESTS",
            "TOO_MANY_VALUES_SUBMITTED",
            "UNABLE_TO_CALL_SERVICE",
            "UNSUPPORTED_CHARACTERS_IN_FIELD",
            "UNSUPPORTED_REQUEST",
            "UNSUPPORTED_SERVICE",
            "UNSUPPORTED_VALUE",
            "VALIDATION_ERROR");

    /** MESH API v2. */
    private static final Set<String> MESH = Set.of(
            "00",
            "02",
            "06",
            "07",
            "08",
            "09",
            "11",
            "12",
            "14",
            "15",
            "16",
            "17",
            "18",
            "19",
            "20",
            "EPL-150",
            "EPL-151",
            "InvalidHeaderChunks",
            "UnsupportedContentEncoding",
            "Invalid checksum",
            "Invalid file format");

    /** National Record Locator (consumer and producer). */
    private static final Set<String> NRL = Set.of(
            "ACCESS_DENIED",
            "ACCESS_DENIED_LEVEL",
            "AUTHOR_CREDENTIALS_ERROR",
            "BAD_REQUEST",
            "INTERNAL_SERVER_ERROR",
            "INVALID_CODE_SYSTEM",
            "INVALID_CODE_VALUE",
            "INVALID_IDENTIFIER_SYSTEM",
            "INVALID_IDENTIFIER_VALUE",
            "INVALID_NHS_NUMBER",
            "INVALID_PARAMETER",
            "INVALID_RESOURCE",
            "MESSAGE_NOT_WELL_FORMED",
            "MISSING_OR_INVALID_HEADER",
            "RESOURCE_NOT_FOUND",
            "RESOURCE_REMOVED",
            "UNPROCESSABLE_ENTITY",
            "VALIDATION_ERROR");

    /** ODS FHIR R4. */
    private static final Set<String> ODS = Set.of("HAPI-0427", "HAPI-0524", "HAPI-1940", "HAPI-2001");

    /** NHS Notify. */
    private static final Set<String> NOTIFY = Set.of(
            "CM_BAD_GATEWAY",
            "CM_CANNOT_SET_CONTACT_DETAILS",
            "CM_CANNOT_SET_ODS_CODE",
            "CM_DENIED",
            "CM_DUPLICATE_REQUEST",
            "CM_DUPLICATE_VALUE",
            "CM_FORBIDDEN",
            "CM_INTERNAL_SERVER_ERROR",
            "CM_INVALID_NHS_NUMBER",
            "CM_INVALID_VALUE",
            "CM_MISSING_ROUTING_PLAN_TEMPLATE",
            "CM_MISSING_VALUE",
            "CM_NOT_ACCEPTABLE",
            "CM_NOT_ALLOWED",
            "CM_NOT_FOUND",
            "CM_NO_SUCH_ROUTING_PLAN",
            "CM_NULL_VALUE",
            "CM_ODS_CODE_REQUIRED",
            "CM_QUOTA",
            "CM_RETRY_TOO_EARLY",
            "CM_ROUTING_PLAN_DUPLICATE_TEMPLATES",
            "CM_SERVICE_BAN",
            "CM_SERVICE_UNAVAILABLE",
            "CM_TIMEOUT",
            "CM_TOO_FEW_ITEMS",
            "CM_TOO_LARGE",
            "CM_TOO_MANY_ITEMS",
            "CM_UNSUPPORTED_MEDIA");

    /** API Platform OAuth2, CIS2 and NHS login token endpoints. */
    private static final Set<String> OAUTH = Set.of(
            "access_denied",
            "invalid_client",
            "invalid_grant",
            "invalid_request",
            "invalid_scope",
            "public_key error",
            "unauthorized_client",
            "unsupported_grant_type");

    private static final Set<String> ALL = Set.copyOf(union(PDS, MESH, NRL, ODS, NOTIFY, OAUTH));

    private NhsErrorCodes() {}

    /**
     * Whether a service documents this error code.
     *
     * @param code the code a server sent, such as {@code RESOURCE_NOT_FOUND}; may be {@code null}
     * @return {@code true} when one of the services above documents it exactly; {@code false} for
     *     any other code, and for {@code null}
     */
    public static boolean isDocumented(String code) {
        return code != null && ALL.contains(code);
    }

    /**
     * Every documented code, for tests and for tools that list the possible values.
     *
     * @return the codes, unmodifiable
     */
    public static Set<String> documented() {
        return ALL;
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new HashSet<>();
        for (Set<String> s : sets) {
            all.addAll(s);
        }
        return all;
    }
}

package uk.nhs.sdk.records.nrl;

import java.util.Objects;
import uk.nhs.sdk.core.error.NhsServiceException;

/**
 * The error codes NRL answers with ({@code OperationOutcome.issue[].details.coding[].code}, from
 * {@code https://fhir.nhs.uk/CodeSystem/Spine-ErrorOrWarningCode}). The exception's class follows
 * the HTTP status ({@link uk.nhs.sdk.core.error.BadRequestException} for 400,
 * {@link uk.nhs.sdk.core.error.ForbiddenException} for 403, and so on, with
 * {@link NoPointerTypesException} for a 403 to an ODS code onboarded for no pointer types); this
 * enum names the code it carries.
 *
 * <pre>{@code
 * try {
 *     consumer.read(id);
 * } catch (ForbiddenException e) {
 *     if (NrlErrorCode.of(e) == NrlErrorCode.ACCESS_DENIED_LEVEL) { ... }
 * }
 * }</pre>
 */
public enum NrlErrorCode {
    /** 400: the request is not one NRL can serve. */
    BAD_REQUEST,
    /** 400: a search parameter is not valid. */
    INVALID_PARAMETER,
    /** 400: the body could not be parsed. */
    MESSAGE_NOT_WELL_FORMED,
    /** 400: the {@code NHSD-End-User-Organisation-ODS} header is missing or invalid. */
    PRECONDITION_FAILED,
    /** 400: the {@code X-Request-ID} header is missing or invalid. */
    MISSING_OR_INVALID_HEADER,
    /** 400: the pointer breaks NRL's rules (for example an unknown category code). */
    INVALID_RESOURCE,
    /** 400: the NHS number is not valid. */
    INVALID_NHS_NUMBER,
    /** 400: a code system is not one NRL takes. */
    INVALID_CODE_SYSTEM,
    /** 400: a code is not one NRL takes. */
    INVALID_CODE_VALUE,
    /** 400: an identifier's system is not one NRL takes. */
    INVALID_IDENTIFIER_SYSTEM,
    /** 400: an identifier's value is not valid. */
    INVALID_IDENTIFIER_VALUE,
    /** 401 (bad credentials) or 403 (not allowed: another organisation's pointer, or no pointer types). */
    ACCESS_DENIED,
    /** 403: higher-level permissions are needed. */
    ACCESS_DENIED_LEVEL,
    /** 403: the pointer belongs to another organisation (producer read). */
    AUTHOR_CREDENTIALS_ERROR,
    /** 403: the pointer belongs to another organisation (consumer read). */
    VALIDATION_ERROR,
    /** 404: no pointer has that id (or the caller may not see it). */
    RESOURCE_NOT_FOUND,
    /** 422: the pointer is well formed but cannot be processed. */
    UNPROCESSABLE_ENTITY,
    /** 500: NRL failed. */
    INTERNAL_SERVER_ERROR,
    /** A code this release does not know, or none. */
    OTHER;

    /**
     * The code with a name, or {@link #OTHER}.
     *
     * @param code the code as NRL sent it, or {@code null}
     * @return the code
     */
    public static NrlErrorCode fromCode(String code) {
        if (code == null) {
            return OTHER;
        }
        for (NrlErrorCode c : values()) {
            if (c != OTHER && c.name().equals(code)) {
                return c;
            }
        }
        return OTHER;
    }

    /**
     * The code an NRL error carries.
     *
     * @param e an exception an NRL client threw
     * @return its code, or {@link #OTHER}
     */
    public static NrlErrorCode of(NhsServiceException e) {
        return fromCode(Objects.requireNonNull(e, "e").errorCode().orElse(null));
    }
}

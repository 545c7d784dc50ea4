package uk.nhs.sdk.core.error;

import java.util.Optional;
import uk.nhs.sdk.core.fhir.OperationOutcome;

/**
 * The service answered with an error status. The subclass is chosen by the status; the NHS error
 * code (such as {@code INVALID_RESOURCE_ID} or MESH's {@code EPL-151}) comes from the body.
 *
 * <p>The message is {@code "<service> <status> <code>"} plus the call identifiers; it never
 * contains the body or the OperationOutcome's {@code diagnostics}, which can echo patient data.
 */
public class NhsServiceException extends NhsSdkException {
    private static final long serialVersionUID = 1L;
    /** The most digits a code shown in the message may hold: five could start an NHS number. */
    private static final int MAX_CODE_DIGITS = 4;

    /** The HTTP status. */
    private final int status;
    /** The NHS error code, or null. */
    private final String errorCode;

    private final transient OperationOutcome operationOutcome;

    /**
     * Creates the exception.
     *
     * @param status the HTTP status
     * @param errorCode the NHS error code, or {@code null}
     * @param operationOutcome the FHIR OperationOutcome, or {@code null}
     * @param details the call identifiers
     */
    public NhsServiceException(int status, String errorCode, OperationOutcome operationOutcome, CallDetails details) {
        super(
                details.service().orElse("service") + " " + status + printableCode(errorCode) + details.describe(),
                details,
                null);
        this.status = status;
        this.errorCode = errorCode;
        this.operationOutcome = operationOutcome;
    }

    /**
     * The code as the message shows it: a code-like word (letters, digits, {@code _ . -}, starting
     * with a letter, at most 64) or a short number (MESH's {@code 06}), holding at most four digits
     * in all (no documented code has more: {@code HAPI-0427}); anything else comes from the server
     * unchecked and could hold patient data (an NHS number, whole as in {@code PATIENT_9000000009}
     * or split as in {@code X900-000-0009}), so the message says only that a code was sent
     * ({@link #errorCode()} still returns it).
     */
    private static String printableCode(String code) {
        if (code == null) {
            return "";
        }
        return code.matches("[A-Za-z][A-Za-z0-9_.-]{0,63}|[0-9]{1,4}") && digits(code) <= MAX_CODE_DIGITS
                ? " " + code
                : " (an error code not shown)";
    }

    private static int digits(String code) {
        int n = 0;
        for (int i = 0; i < code.length(); i++) {
            if (code.charAt(i) >= '0' && code.charAt(i) <= '9') {
                n++;
            }
        }
        return n;
    }

    /**
     * Creates the exception whose class matches the status: 400, 401, 403, 404 and 410, 409, 412,
     * 422, 429, 5xx, or {@link UnexpectedStatusException} for any other.
     *
     * @param status the HTTP status
     * @param errorCode the NHS error code, or {@code null}
     * @param operationOutcome the FHIR OperationOutcome, or {@code null}
     * @param details the call identifiers
     * @return the exception to throw
     */
    public static NhsServiceException forStatus(
            int status, String errorCode, OperationOutcome operationOutcome, CallDetails details) {
        switch (status) {
            case 400:
                return new BadRequestException(status, errorCode, operationOutcome, details);
            case 401:
                return new UnauthorizedException(status, errorCode, operationOutcome, details);
            case 403:
                return new ForbiddenException(status, errorCode, operationOutcome, details);
            case 404:
            case 410:
                return new ResourceNotFoundException(status, errorCode, operationOutcome, details);
            case 409:
                return new ConflictException(status, errorCode, operationOutcome, details);
            case 412:
                return new PreconditionFailedException(status, errorCode, operationOutcome, details);
            case 422:
                return new UnprocessableEntityException(status, errorCode, operationOutcome, details);
            case 429:
                return new RateLimitedException(status, errorCode, operationOutcome, details);
            default:
                if (status >= 500 && status <= 599) {
                    return new ServerErrorException(status, errorCode, operationOutcome, details);
                }
                return new UnexpectedStatusException(status, errorCode, operationOutcome, details);
        }
    }

    /**
     * The HTTP status.
     *
     * @return the status
     */
    public int status() {
        return status;
    }

    /**
     * The NHS error code from the body: the OperationOutcome's {@code details.coding[0].code}, or
     * the service's own code (MESH {@code errorCode}, OAuth {@code error}).
     *
     * @return the code, when the body had one
     */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    /**
     * The FHIR OperationOutcome the service returned.
     *
     * @return the outcome, when the body was one
     */
    public Optional<OperationOutcome> operationOutcome() {
        return Optional.ofNullable(operationOutcome);
    }
}

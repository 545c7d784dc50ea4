package uk.nhs.sdk.micrometer;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import uk.nhs.sdk.core.error.NhsDecodeException;
import uk.nhs.sdk.core.error.NhsErrorCodes;
import uk.nhs.sdk.core.error.NhsServiceException;
import uk.nhs.sdk.core.error.NhsServiceUnavailableException;
import uk.nhs.sdk.core.error.NhsTimeoutException;
import uk.nhs.sdk.core.error.NhsTransportException;

/**
 * Turns what a call ended with into tag values from fixed sets: the outcome, the status and the
 * error code. Nothing here copies a value the server chose into a tag unless it is in a fixed
 * allow-list.
 */
final class TagValues {
    static final String SUCCESS = "success";
    static final String REDIRECTION = "redirection";
    static final String CLIENT_ERROR = "client_error";
    static final String SERVER_ERROR = "server_error";
    static final String TIMEOUT = "timeout";
    static final String TRANSPORT = "transport";
    static final String OUTCOME_UNKNOWN = "outcome_unknown";
    static final String REJECTED = "rejected";
    static final String DECODE = "decode";
    static final String OTHER = "other";
    static final String NONE = "none";

    /** Every outcome tag value. */
    static final Set<String> OUTCOMES = Set.of(
            SUCCESS,
            REDIRECTION,
            CLIENT_ERROR,
            SERVER_ERROR,
            TIMEOUT,
            TRANSPORT,
            OUTCOME_UNKNOWN,
            REJECTED,
            DECODE,
            OTHER);

    /** The statuses NHS APIs document, kept exactly; any other is its class ({@code 4xx}). */
    private static final String[] STATUS = new String[600];

    private static final int[] KNOWN_STATUSES = {
        200, 201, 202, 204, 206, 301, 302, 303, 304, 307, 308, 400, 401, 403, 404, 405, 406, 408, 409, 410, 412, 413,
        415, 417, 422, 423, 425, 429, 500, 501, 502, 503, 504
    };

    static {
        for (int s = 100; s < 600; s++) {
            STATUS[s] = (s / 100) + "xx";
        }
        for (int s : KNOWN_STATUSES) {
            STATUS[s] = Integer.toString(s);
        }
    }

    /** The HTTP methods an operation may name. */
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    /**
     * A path template that could not hold a value: a path of letters, digits, {@code /{}_.~$:-}
     * (placeholders in braces), and no run of five digits (an NHS number, an ODS code such as
     * {@code Y05868} or an id written into a template by mistake).
     */
    private static final Pattern TEMPLATE = Pattern.compile("/[A-Za-z0-9/{}_.~$:-]{0,127}");

    private static final Pattern DIGIT_RUN = Pattern.compile("[0-9]{5}");

    /** A name a client or token provider gives itself: short, printable, no digit runs. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9 _.-]{0,63}");

    private TagValues() {}

    /**
     * The outcome of a response.
     *
     * @param status the HTTP status
     * @return {@code success}, {@code redirection}, {@code client_error}, {@code server_error} or
     *     {@code other}
     */
    static String outcome(int status) {
        switch (status / 100) {
            case 2:
                return SUCCESS;
            case 3:
                return REDIRECTION;
            case 4:
                return CLIENT_ERROR;
            case 5:
                return SERVER_ERROR;
            default:
                return OTHER;
        }
    }

    /**
     * The outcome of a failure. An outcome-unknown failure is {@code outcome_unknown} whether it
     * timed out or not: it is the one a caller must reconcile.
     *
     * @param failure what the call or attempt threw
     * @return an outcome from {@link #OUTCOMES}
     */
    static String outcome(Throwable failure) {
        if (failure instanceof NhsServiceException) {
            int status = ((NhsServiceException) failure).status();
            return status / 100 == 2 ? OTHER : outcome(status);
        }
        if (failure instanceof NhsTransportException) {
            if (((NhsTransportException) failure).outcomeUnknown()) {
                return OUTCOME_UNKNOWN;
            }
            return failure instanceof NhsTimeoutException ? TIMEOUT : TRANSPORT;
        }
        if (failure instanceof NhsServiceUnavailableException) {
            return REJECTED;
        }
        if (failure instanceof NhsDecodeException) {
            return DECODE;
        }
        return OTHER;
    }

    /**
     * The outcome of a failed call. A timeout before any attempt was made is the client-side rate
     * limiter refusing a permit the call's deadline could not wait for: {@code rejected}, like
     * the limiter's other refusals, since nothing was sent.
     *
     * @param failure what the call threw
     * @param attempts how many attempts the call made
     * @return an outcome from {@link #OUTCOMES}
     */
    static String callOutcome(Throwable failure, int attempts) {
        if (attempts == 0
                && failure instanceof NhsTimeoutException
                && !((NhsTimeoutException) failure).outcomeUnknown()) {
            return REJECTED;
        }
        return outcome(failure);
    }

    /**
     * The status tag of a response.
     *
     * @param status the HTTP status
     * @return the status when documented (such as {@code 404}), else its class (such as
     *     {@code 4xx}), or {@code other} outside 100-599
     */
    static String status(int status) {
        return status >= 100 && status < 600 ? STATUS[status] : OTHER;
    }

    /**
     * The status tag of a failure.
     *
     * @param failure what the call or attempt threw
     * @return the status of a service error, else {@code none}
     */
    static String status(Throwable failure) {
        return failure instanceof NhsServiceException ? status(((NhsServiceException) failure).status()) : NONE;
    }

    /**
     * The error-code tag of a failure.
     *
     * @param failure what the call threw
     * @return the NHS error code when {@link NhsErrorCodes#isDocumented(String)}, {@code other} for
     *     any other code, or {@code none}
     */
    static String errorCode(Throwable failure) {
        if (!(failure instanceof NhsServiceException)) {
            return NONE;
        }
        String code = ((NhsServiceException) failure).errorCode().orElse(null);
        if (code == null) {
            return NONE;
        }
        return NhsErrorCodes.isDocumented(code) ? code : OTHER;
    }

    /**
     * The operation tag of a request, before the per-service bound.
     *
     * @param method the request's method
     * @param pathTemplate the request's path template
     * @return {@code <METHOD> <pathTemplate>}, or {@code other} when the method is not a standard
     *     one or the template could hold a value
     */
    static String operation(String method, String pathTemplate) {
        if (method == null || pathTemplate == null) {
            return OTHER;
        }
        String m = method.toUpperCase(Locale.ROOT);
        if (!METHODS.contains(m)
                || !TEMPLATE.matcher(pathTemplate).matches()
                || DIGIT_RUN.matcher(pathTemplate).find()) {
            return OTHER;
        }
        return m + " " + pathTemplate;
    }

    /**
     * A client's or token provider's own name as a tag value, before its bound.
     *
     * @param name the name
     * @return the name when short and plain, else {@code other}
     */
    static String name(String name) {
        if (name == null
                || !NAME.matcher(name).matches()
                || DIGIT_RUN.matcher(name).find()) {
            return OTHER;
        }
        return name;
    }
}

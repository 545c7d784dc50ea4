package uk.nhs.sdk.messaging.mesh.internal;

import java.util.Locale;
import java.util.regex.Pattern;
import uk.nhs.sdk.core.error.NhsValidationException;

/**
 * The input rules MESH applies (MESH API spec and the reference sandbox's header validation),
 * checked before any I/O. Every failure names the field and the rule, never the value.
 */
public final class MeshValidation {
    /** The largest request MESH accepts (100 MB); a chunk may not be bigger. */
    public static final int MAX_CHUNK_SIZE = 100_000_000;

    private static final Pattern MAILBOX = Pattern.compile("[A-Z0-9][A-Z0-9_.-]{0,99}");
    private static final Pattern MEDIA_TYPE = Pattern.compile("[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+(\\s*;.*)?");

    private MeshValidation() {}

    /**
     * A mailbox id: letters, digits, {@code _ . -}, 1 to 100, normalised to upper case (MESH
     * compares mailbox ids in upper case and the auth header must use that form).
     *
     * @param field the field name for the error
     * @param value the value
     * @return the upper-case mailbox id
     */
    public static String mailbox(String field, String value) {
        if (value == null) {
            throw new NhsValidationException(field, "is required");
        }
        String v = value.strip().toUpperCase(Locale.ROOT);
        if (!MAILBOX.matcher(v).matches()) {
            throw new NhsValidationException(
                    field, "must be a MESH mailbox id: 1 to 100 letters, digits, '_', '.' or '-'");
        }
        return v;
    }

    /**
     * A workflow id: 1 to 300 visible ASCII characters, not a URL, and not {@code .} or
     * {@code ..} (it becomes a path segment of the lookups, where those would move up the path).
     *
     * @param field the field name
     * @param value the value
     * @return the value
     */
    public static String workflowId(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new NhsValidationException(field, "is required");
        }
        if (value.length() > 300 || !visibleAscii(value)) {
            throw new NhsValidationException(field, "must be 1 to 300 visible ASCII characters without spaces");
        }
        notUrl(field, value);
        notDotSegment(field, value);
        return value;
    }

    /**
     * A message id as MESH gave it: opaque, but it becomes a path segment, so 1 to 200 visible
     * ASCII characters other than {@code /}, and not {@code .} or {@code ..}.
     *
     * @param field the field name
     * @param value the value
     * @return the value
     */
    public static String messageId(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new NhsValidationException(field, "is required");
        }
        if (value.length() > 200 || !visibleAscii(value) || value.indexOf('/') >= 0) {
            throw new NhsValidationException(field, "must be 1 to 200 visible ASCII characters without '/'");
        }
        notDotSegment(field, value);
        return value;
    }

    /**
     * A local id used as a path segment (tracking by local id): required, at most 300 printable
     * ASCII characters, and not {@code .} or {@code ..}.
     *
     * @param field the field name
     * @param value the value
     * @return the value
     */
    public static String localIdSegment(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new NhsValidationException(field, "is required");
        }
        headerText(field, value, 300);
        notDotSegment(field, value);
        return value;
    }

    /**
     * An optional header text: at most {@code max} printable ASCII characters (HTTP header values
     * cannot carry control characters, and MESH refuses them with 400 code 06).
     *
     * @param field the field name
     * @param value the value, or {@code null}
     * @param max the longest allowed
     * @return the value, or {@code null}
     */
    public static String headerText(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        if (value.isEmpty() || value.length() > max || !printableAscii(value)) {
            throw new NhsValidationException(field, "must be 1 to " + max + " printable ASCII characters");
        }
        return value;
    }

    /**
     * A checksum passed through to the recipient: at most 100 printable ASCII characters, not a URL.
     *
     * @param field the field name
     * @param value the value, or {@code null}
     * @return the value, or {@code null}
     */
    public static String checksum(String field, String value) {
        headerText(field, value, 100);
        if (value != null) {
            notUrl(field, value);
        }
        return value;
    }

    /**
     * A media type such as {@code text/csv}: at most 100 characters.
     *
     * @param field the field name
     * @param value the value, or {@code null}
     * @return the value, or {@code null}
     */
    public static String mediaType(String field, String value) {
        headerText(field, value, 100);
        if (value != null && !MEDIA_TYPE.matcher(value).matches()) {
            throw new NhsValidationException(field, "must be a media type such as text/csv");
        }
        return value;
    }

    /**
     * An inbox page size: 10 to 5000 (MESH's limits).
     *
     * @param value the value
     * @return the value
     */
    public static int maxResults(int value) {
        if (value < 10 || value > 5000) {
            throw new NhsValidationException("maxResults", "must be between 10 and 5000");
        }
        return value;
    }

    /**
     * An inbox workflow filter: 2 to 255 visible ASCII characters ({@code WF}, {@code !WF},
     * {@code WF*}, {@code !WF*}, {@code *WF*}, {@code !*WF*}).
     *
     * @param value the value
     * @return the value
     */
    public static String workflowFilter(String value) {
        if (value == null || value.length() < 2 || value.length() > 255 || !visibleAscii(value)) {
            throw new NhsValidationException("workflowFilter", "must be 2 to 255 visible ASCII characters");
        }
        return value;
    }

    /**
     * An inbox continuation token: 24 to 1000 visible ASCII characters (MESH API spec,
     * {@code continue_from}).
     *
     * @param value the value, or {@code null} for the first page
     * @return the value, or {@code null}
     */
    public static String continueFrom(String value) {
        if (value != null && (value.length() < 24 || value.length() > 1000 || !visibleAscii(value))) {
            throw new NhsValidationException(
                    "continueFrom",
                    "must be 24 to 1000 visible ASCII characters, " + "as taken from a page's links.next");
        }
        return value;
    }

    /**
     * A chunk size: 1 byte to 100 MB.
     *
     * @param value the value
     * @return the value
     */
    public static int chunkSize(long value) {
        if (value < 1 || value > MAX_CHUNK_SIZE) {
            throw new NhsValidationException("chunkSize", "must be between 1 byte and 100 MB");
        }
        return (int) value;
    }

    private static void notUrl(String field, String value) {
        String l = value.toLowerCase(Locale.ROOT);
        if (l.startsWith("http://") || l.startsWith("https://")) {
            throw new NhsValidationException(field, "must not be a URL");
        }
    }

    /**
     * HTTP clients resolve the path segments {@code .} and {@code ..} (even percent-encoded), so
     * such a value would address another resource, such as another message's acknowledgement.
     */
    private static void notDotSegment(String field, String value) {
        if (value.equals(".") || value.equals("..")) {
            throw new NhsValidationException(field, "must not be '.' or '..': it would change the request path");
        }
    }

    private static boolean visibleAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    private static boolean printableAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }
}

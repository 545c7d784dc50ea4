package uk.nhs.sdk.messaging.mesh;

import java.util.Map;
import java.util.Optional;

/**
 * MESH's error codes ({@code errorCode}, {@code detail[].code}, {@code mex-statuscode}) and what
 * the MESH API specification says they mean. Codes arrive as strings: keep comparing strings.
 */
public final class MeshErrorCodes {
    /** Transferred to the recipient mailbox (success). */
    public static final String TRANSFERRED = "00";
    /** Data file is missing or inaccessible (also: an empty message body). */
    public static final String DATA_FILE_MISSING = "02";
    /** Malformed headers or control file. */
    public static final String MALFORMED_CONTROL_FILE = "06";
    /** Invalid From address: the mailbox does not match the auth header. */
    public static final String INVALID_FROM_ADDRESS = "07";
    /** Missing {@code mex-To}. */
    public static final String MISSING_TO = "08";
    /** Invalid version of the control file. */
    public static final String INVALID_CONTROL_FILE_VERSION = "09";
    /** Invalid message type for the transfer. */
    public static final String INVALID_MESSAGE_TYPE = "11";
    /** Unregistered To address. */
    public static final String UNREGISTERED_RECIPIENT = "12";
    /** Undelivered: not collected within 5 days, or the recipient mailbox was deactivated. */
    public static final String UNDELIVERED = "14";
    /** Bad CP-IS file. */
    public static final String BAD_CPIS_FILE = "15";
    /** The sender is not allowed to send messages of this type. */
    public static final String SENDER_NOT_ALLOWED = "16";
    /** The workflow id is not registered for the mailbox. */
    public static final String WORKFLOW_NOT_REGISTERED = "17";
    /** The message does not exist. */
    public static final String MESSAGE_DOES_NOT_EXIST = "20";
    /** Demographic addressing matched more than one mailbox. */
    public static final String MULTIPLE_MAILBOXES_MATCHED = "EPL-150";
    /** Demographic addressing matched no mailbox. */
    public static final String NO_MAILBOX_MATCHED = "EPL-151";

    private static final Map<String, String> MEANINGS = Map.ofEntries(
            Map.entry(TRANSFERRED, "Transferred to recipient mailbox"),
            Map.entry(DATA_FILE_MISSING, "Data file is missing or inaccessible"),
            Map.entry(MALFORMED_CONTROL_FILE, "Malformed control file or headers"),
            Map.entry(INVALID_FROM_ADDRESS, "Invalid From address"),
            Map.entry(MISSING_TO, "Missing To address"),
            Map.entry(INVALID_CONTROL_FILE_VERSION, "Invalid version of the control file"),
            Map.entry(INVALID_MESSAGE_TYPE, "Invalid message type for the transfer"),
            Map.entry(UNREGISTERED_RECIPIENT, "Unregistered to address"),
            Map.entry(UNDELIVERED, "Undelivered message"),
            Map.entry(BAD_CPIS_FILE, "Bad CP-IS file"),
            Map.entry(SENDER_NOT_ALLOWED, "Sender is not allowed to send messages of this type"),
            Map.entry(WORKFLOW_NOT_REGISTERED, "Workflow ID not registered for mailbox"),
            Map.entry("18", "ONS civil registration workflow not enabled via MESH"),
            Map.entry("19", "Invalid expiry period"),
            Map.entry(MESSAGE_DOES_NOT_EXIST, "Message does not exist"),
            Map.entry(MULTIPLE_MAILBOXES_MATCHED, "Multiple mailboxes matched"),
            Map.entry(NO_MAILBOX_MATCHED, "No mailbox matched"),
            Map.entry("InvalidHeaderChunks", "Invalid chunk values sent in mex-Chunk-Range header"),
            Map.entry("UnsupportedContentEncoding", "Unsupported Content-Encoding"));

    private MeshErrorCodes() {}

    /**
     * What a code means, per the MESH API specification (and the reference sandbox for the codes
     * only it documents).
     *
     * @param code the code, such as {@code 12}
     * @return the meaning, when the code is known
     */
    public static Optional<String> meaning(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(MEANINGS.get(code));
    }
}

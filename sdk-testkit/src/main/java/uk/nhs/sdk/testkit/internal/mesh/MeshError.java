package uk.nhs.sdk.testkit.internal.mesh;

/**
 * The MESH errors the fake answers with: each one's event, code and description as MESH (and
 * NHSDigital/mesh-sandbox's {@code ErrorCodeMap}) writes them into an error body.
 */
public enum MeshError {
    /** 417 on send: the recipient mailbox does not exist. */
    UNREGISTERED_RECIPIENT("SEND", "12", "Unregistered to address"),
    MISSING_DATA_FILE("COLLECT", "02", "Data file is missing or inaccessible."),
    MISSING_TO_ADDRESS("SEND", "08", "TO_DTS missing"),
    MALFORMED_CONTROL_FILE("TRANSFER", "06", "MalformedControlFile"),
    INVALID_HEADER_CHUNKS("SEND", "InvalidHeaderChunks", "Invalid chunk values sent in mex-Chunk-Range header"),
    UNSUPPORTED_CONTENT_ENCODING("SEND", "UnsupportedContentEncoding", "Unsupported content encoding"),
    INVALID_CHECKSUM("SEND", "Invalid checksum", "Invalid checksum"),
    CONTENT_ENCODING_CHANGED("", "", "cannot change content encoding"),
    MESSAGE_DOES_NOT_EXIST("RECEIVE", "20", "Message does not exist"),
    MESSAGE_GONE("SEND", "Message already accepted", "Message no longer available for download"),
    NO_MAILBOX_MATCHED("SEND", "EPL-151", "No mailbox matched"),
    READING_AUTH_HEADER("", "", "Error reading from Authorization header"),
    MAILBOX_TOKEN_MISMATCH("", "", "Mailbox id does not match token"),
    INVALID_AUTH_TOKEN("", "", "Invalid Authentication Token"),
    DUPLICATED_AUTH_TOKEN("", "", "Error Duplicated Authentication Token"),
    ACCEPT_HEADER("", "", "Accept header api format incorrect"),
    FORBIDDEN("", "", "Forbidden"),
    NOT_FOUND("", "", "Not Found"),
    MULTIPLE_CHOICES("", "", "Multiple Choices");

    /** The {@code event} (v2) or {@code errorEvent} (v1). */
    public final String event;
    /** The {@code code} (v2) or {@code errorCode} (v1). */
    public final String code;
    /** The {@code msg} (v2) or {@code errorDescription} (v1). */
    public final String description;

    MeshError(String event, String code, String description) {
        this.event = event;
        this.code = code;
        this.description = description;
    }
}

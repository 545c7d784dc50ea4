package uk.nhs.sdk.messaging.mesh;

import java.util.Locale;

/**
 * The kind of an inbox message ({@code mex-messagetype}).
 */
public enum MeshMessageType {
    /** An application message with content. */
    DATA,
    /** A non-delivery report about a message this mailbox sent; the details are in headers. */
    REPORT,
    /** Any other value MESH may add. */
    OTHER;

    static MeshMessageType parse(String value) {
        if (value == null || value.isBlank()) {
            return DATA;
        }
        switch (value.strip().toUpperCase(Locale.ROOT)) {
            case "DATA":
                return DATA;
            case "REPORT":
                return REPORT;
            default:
                return OTHER;
        }
    }
}

package uk.nhs.sdk.messaging.mesh;

import java.util.Locale;

/**
 * A sent message's status in tracking.
 */
public enum MeshTrackingStatus {
    /** Chunks are still being uploaded (the message is not yet in the recipient's inbox). */
    UPLOADING,
    /** In the recipient's inbox, not yet acknowledged. */
    ACCEPTED,
    /** Downloaded and acknowledged by the recipient. */
    ACKNOWLEDGED,
    /** Could not be delivered (a non-delivery report was sent to the sender's inbox). */
    UNDELIVERABLE,
    /** Failed. */
    ERROR,
    /** Any other value MESH may return. */
    OTHER;

    static MeshTrackingStatus parse(String value) {
        if (value == null) {
            return OTHER;
        }
        switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "uploading":
                return UPLOADING;
            case "accepted":
                return ACCEPTED;
            case "acknowledged":
                return ACKNOWLEDGED;
            case "undeliverable":
                return UNDELIVERABLE;
            case "error":
                return ERROR;
            default:
                return OTHER;
        }
    }
}

package uk.nhs.sdk.messaging.mesh;

import uk.nhs.sdk.core.error.CallDetails;
import uk.nhs.sdk.core.error.ResourceNotFoundException;

/**
 * HTTP 410: the message has expired or otherwise failed and can no longer be downloaded.
 */
public class MeshMessageGoneException extends ResourceNotFoundException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param status the HTTP status (410)
     * @param errorCode MESH's error code, or {@code null}
     * @param details the call identifiers
     */
    public MeshMessageGoneException(int status, String errorCode, CallDetails details) {
        super(status, errorCode, null, details);
    }
}

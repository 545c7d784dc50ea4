package uk.nhs.sdk.messaging.mesh;

import uk.nhs.sdk.core.error.CallDetails;
import uk.nhs.sdk.core.error.NhsServiceException;

/**
 * HTTP 423: the chunked message is already complete (or no longer uploading), so no more chunks
 * can be uploaded to it.
 */
public class MeshMessageFinalisedException extends NhsServiceException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param status the HTTP status (423)
     * @param errorCode MESH's error code, or {@code null}
     * @param details the call identifiers
     */
    public MeshMessageFinalisedException(int status, String errorCode, CallDetails details) {
        super(status, errorCode, null, details);
    }
}

package uk.nhs.sdk.messaging.mesh;

import uk.nhs.sdk.core.error.CallDetails;
import uk.nhs.sdk.core.error.NhsServiceException;

/**
 * HTTP 300 from tracking by local id: more than one sent message has that local id. Track by
 * message id instead.
 */
public class MeshLocalIdNotUniqueException extends NhsServiceException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param status the HTTP status (300)
     * @param errorCode MESH's error code, or {@code null}
     * @param details the call identifiers
     */
    public MeshLocalIdNotUniqueException(int status, String errorCode, CallDetails details) {
        super(status, errorCode, null, details);
    }
}

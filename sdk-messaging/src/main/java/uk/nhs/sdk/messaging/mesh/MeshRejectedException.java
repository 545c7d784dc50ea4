package uk.nhs.sdk.messaging.mesh;

import java.util.Optional;
import uk.nhs.sdk.core.error.CallDetails;
import uk.nhs.sdk.core.error.NhsServiceException;

/**
 * HTTP 417: MESH refused a message or chunk. {@link #errorCode()} says why: {@code 12}
 * unregistered recipient, {@code 17} workflow not registered for the mailbox, {@code 02} empty
 * body, {@code InvalidHeaderChunks} a bad {@code mex-Chunk-Range}, and so on
 * (see {@link MeshErrorCodes}). Sending the same message again will fail the same way.
 */
public class MeshRejectedException extends NhsServiceException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param status the HTTP status (417)
     * @param errorCode MESH's error code, or {@code null}
     * @param details the call identifiers
     */
    public MeshRejectedException(int status, String errorCode, CallDetails details) {
        super(status, errorCode, null, details);
    }

    /**
     * What the error code means.
     *
     * @return the meaning, when the code is known
     */
    public Optional<String> meaning() {
        return errorCode().flatMap(MeshErrorCodes::meaning);
    }
}

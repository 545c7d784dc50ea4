package uk.nhs.sdk.messaging.mesh;

import uk.nhs.sdk.core.error.NhsSdkException;

/**
 * Why {@link MeshClient#receiveAll(MeshMessageHandler)} or {@link MeshInboxPoller} left a message
 * in the inbox although its handler returned normally: the handler neither read the content to
 * its end nor called {@link MeshMessage#accept()}. Found in {@link MeshPollResult#failures()}.
 */
public class MeshMessageNotReadException extends NhsSdkException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public MeshMessageNotReadException() {
        super("MESH message left in the inbox: the handler returned without reading its content to the end "
                + "or calling MeshMessage.accept()");
    }
}

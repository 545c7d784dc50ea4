package uk.nhs.sdk.examples.springboot;

import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import uk.nhs.sdk.messaging.mesh.MeshClient;
import uk.nhs.sdk.messaging.mesh.MeshSendRequest;
import uk.nhs.sdk.messaging.mesh.MeshSendResult;

/**
 * {@code POST /mesh/messages}: sends a message from the configured mailbox to another, under a
 * workflow id, and answers with the id MESH gave it.
 */
@RestController
class MeshController {
    private final MeshClient mesh;

    MeshController(MeshClient mesh) {
        this.mesh = mesh;
    }

    @PostMapping("/mesh/messages")
    @ResponseStatus(HttpStatus.ACCEPTED)
    SentMessage send(@RequestBody MessageToSend message) {
        MeshSendRequest.Builder request = MeshSendRequest.builder(message.to(), message.workflowId());
        if (message.subject() != null) {
            request.subject(message.subject());
        }
        if (message.localId() != null) {
            request.localId(message.localId());
        }
        String content = message.content() == null ? "" : message.content();
        MeshSendResult sent = mesh.send(request.build(), content.getBytes(StandardCharsets.UTF_8));
        return new SentMessage(sent.messageId(), sent.localId());
    }

    /**
     * The message to send.
     *
     * @param to the recipient's mailbox id
     * @param workflowId the MESH workflow id
     * @param subject an optional subject
     * @param localId an optional id of the sender's own, to reconcile by tracking
     * @param content the message's text
     */
    record MessageToSend(String to, String workflowId, String subject, String localId, String content) {
        /** Spring logs the request body with this at DEBUG: the routing only, never the content or subject. */
        @Override
        public String toString() {
            return "MessageToSend[to=" + to + ", workflowId=" + workflowId + ", content="
                    + (content == null ? 0 : content.length()) + " chars]";
        }
    }

    /**
     * What MESH answered.
     *
     * @param messageId the message's MESH id
     * @param localId the local id sent with it
     */
    record SentMessage(String messageId, String localId) {}
}

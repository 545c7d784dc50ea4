package uk.nhs.sdk.messaging.notify.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import uk.nhs.sdk.messaging.notify.NotifyAddress;
import uk.nhs.sdk.messaging.notify.NotifyContactDetails;
import uk.nhs.sdk.messaging.notify.NotifyMessage;
import uk.nhs.sdk.messaging.notify.NotifyName;

/**
 * Writes the request bodies of {@code schemas/requests/CreateMessage.yaml} and
 * {@code CreateMessageBatch.yaml}: only the fields the spec defines, in a fixed order, never a
 * {@code null}, absent optional fields left out. The same message always gives the same bytes.
 * Internal.
 */
public final class RequestBodies {
    private RequestBodies() {}

    /**
     * The body of {@code POST /v1/messages}.
     *
     * @param routingPlanId the routing plan
     * @param m the message
     * @return the UTF-8 bytes
     */
    public static byte[] single(UUID routingPlanId, NotifyMessage m) {
        return NotifyJson.write(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("data");
            g.writeStringField("type", "Message");
            g.writeObjectFieldStart("attributes");
            g.writeStringField("routingPlanId", routingPlanId.toString());
            writeMessageFields(g, m);
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /**
     * One entry of a batch's {@code messages} array ({@code components/Message.yaml}).
     *
     * @param m the message
     * @return the UTF-8 bytes of the object
     */
    public static byte[] batchEntry(NotifyMessage m) {
        return NotifyJson.write(g -> {
            g.writeStartObject();
            writeMessageFields(g, m);
            g.writeEndObject();
        });
    }

    /**
     * What a batch body holds before its first message:
     * {@code {"data":{"type":"MessageBatch","attributes":{"routingPlanId":"…","messageBatchReference":"…","messages":[}.
     *
     * @param routingPlanId the routing plan
     * @param batchReference the part's reference
     * @return the UTF-8 bytes
     */
    public static byte[] batchPrefix(UUID routingPlanId, String batchReference) {
        byte[] whole = NotifyJson.write(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("data");
            g.writeStringField("type", "MessageBatch");
            g.writeObjectFieldStart("attributes");
            g.writeStringField("routingPlanId", routingPlanId.toString());
            g.writeStringField("messageBatchReference", batchReference);
            g.writeArrayFieldStart("messages");
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
        });
        // the generator wrote "...,"messages":[]}}}": keep everything up to and including '['
        return java.util.Arrays.copyOf(whole, whole.length - BATCH_SUFFIX.length);
    }

    /** What a batch body holds after its last message. */
    static final byte[] BATCH_SUFFIX = "]}}}".getBytes(StandardCharsets.US_ASCII);

    private static void writeMessageFields(JsonGenerator g, NotifyMessage m) throws IOException {
        g.writeStringField("messageReference", m.messageReference());
        if (m.billingReference().isPresent()) {
            g.writeStringField("billingReference", m.billingReference().get());
        }
        g.writeObjectFieldStart("recipient");
        g.writeStringField("nhsNumber", m.recipient().value());
        if (m.contactDetails().isPresent()) {
            writeContactDetails(g, m.contactDetails().get());
        }
        g.writeEndObject();
        if (m.originator().isPresent()) {
            g.writeObjectFieldStart("originator");
            g.writeStringField("odsCode", m.originator().get().value());
            g.writeEndObject();
        }
        if (!m.personalisation().isEmpty()) {
            g.writeObjectFieldStart("personalisation");
            for (Map.Entry<String, String> e : m.personalisation().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
    }

    private static void writeContactDetails(JsonGenerator g, NotifyContactDetails c) throws IOException {
        g.writeObjectFieldStart("contactDetails");
        if (c.email().isPresent()) {
            g.writeStringField("email", c.email().get());
        }
        if (c.sms().isPresent()) {
            g.writeStringField("sms", c.sms().get());
        }
        if (c.address().isPresent()) {
            NotifyAddress a = c.address().get();
            g.writeObjectFieldStart("address");
            g.writeArrayFieldStart("lines");
            for (String l : a.lines()) {
                g.writeString(l);
            }
            g.writeEndArray();
            g.writeStringField("postcode", a.postcode());
            g.writeEndObject();
        }
        if (c.name().isPresent()) {
            NotifyName n = c.name().get();
            g.writeObjectFieldStart("name");
            if (n.prefix().isPresent()) {
                g.writeStringField("prefix", n.prefix().get());
            }
            if (n.firstName().isPresent()) {
                g.writeStringField("firstName", n.firstName().get());
            }
            if (n.middleNames().isPresent()) {
                g.writeStringField("middleNames", n.middleNames().get());
            }
            g.writeStringField("lastName", n.lastName());
            if (n.suffix().isPresent()) {
                g.writeStringField("suffix", n.suffix().get());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }
}

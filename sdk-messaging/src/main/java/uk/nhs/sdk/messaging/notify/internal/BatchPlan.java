package uk.nhs.sdk.messaging.notify.internal;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.messaging.notify.NotifyMessage;

/**
 * How a batch is cut into requests. Each message is serialised once; a part takes messages in
 * order while the count stays within {@code maxMessages} and the exact size of the body that will
 * be sent (prefix with the part's reference, the messages, the commas between them and the
 * closing brackets) stays within {@code maxBytes}. The same messages and limits always give the
 * same parts, named {@code <batchReference>-part-0001} onwards. Internal.
 */
public final class BatchPlan {
    /** The most parts a batch may have (the suffix has four digits). */
    public static final int MAX_PARTS = 9999;

    private final UUID routingPlanId;
    private final String batchReference;
    private final List<byte[]> entries;
    private final List<Part> parts;

    /** One request: the messages {@code [first, first + count)} and its body size. */
    public static final class Part {
        private final int number;
        private final String reference;
        private final int first;
        private final int count;
        private final long bytes;

        Part(int number, String reference, int first, int count, long bytes) {
            this.number = number;
            this.reference = reference;
            this.first = first;
            this.count = count;
            this.bytes = bytes;
        }

        /**
         * The part's number, from 1.
         *
         * @return the number
         */
        public int number() {
            return number;
        }

        /**
         * The part's {@code messageBatchReference}.
         *
         * @return the reference
         */
        public String reference() {
            return reference;
        }

        /**
         * The index of the first message.
         *
         * @return the index
         */
        public int first() {
            return first;
        }

        /**
         * How many messages.
         *
         * @return the count
         */
        public int count() {
            return count;
        }

        /**
         * The exact body size.
         *
         * @return bytes
         */
        public long bytes() {
            return bytes;
        }
    }

    private BatchPlan(UUID routingPlanId, String batchReference, List<byte[]> entries, List<Part> parts) {
        this.routingPlanId = routingPlanId;
        this.batchReference = batchReference;
        this.entries = entries;
        this.parts = List.copyOf(parts);
    }

    /**
     * The reference of a part.
     *
     * @param batchReference the caller's batch reference
     * @param number the part's number, from 1
     * @return {@code <batchReference>-part-0001} and so on
     */
    public static String partReference(String batchReference, int number) {
        return batchReference + String.format(Locale.ROOT, "-part-%04d", number);
    }

    /**
     * Plans a batch. The messages must already be valid; this checks only the batch rules.
     *
     * @param routingPlanId the routing plan
     * @param batchReference the caller's batch reference
     * @param messages the messages
     * @param maxMessages the most messages a part may hold
     * @param maxBytes the largest body a part may have
     * @return the plan
     * @throws NhsValidationException when there are no messages, a message reference repeats, a
     *     message alone does not fit in a request, or more than 9,999 parts would be needed
     */
    public static BatchPlan of(
            UUID routingPlanId, String batchReference, List<NotifyMessage> messages, int maxMessages, long maxBytes) {
        if (messages.isEmpty()) {
            throw new NhsValidationException("messages", "must hold at least one message");
        }
        Set<String> refs = new HashSet<>(messages.size() * 2);
        List<byte[]> entries = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            NotifyMessage m = messages.get(i);
            if (!refs.add(m.messageReference())) {
                throw new NhsValidationException(
                        "messages[" + i + "].messageReference",
                        "must be unique within the batch (the API answers 400 CM_DUPLICATE_VALUE)");
            }
            entries.add(RequestBodies.batchEntry(m));
        }
        List<Part> parts = new ArrayList<>();
        int i = 0;
        while (i < entries.size()) {
            int number = parts.size() + 1;
            if (number > MAX_PARTS) {
                throw new NhsValidationException("messages", "would need more than 9,999 requests: split the batch");
            }
            String ref = partReference(batchReference, number);
            long size = RequestBodies.batchPrefix(routingPlanId, ref).length + RequestBodies.BATCH_SUFFIX.length;
            int first = i;
            int count = 0;
            while (i < entries.size() && count < maxMessages) {
                long add = entries.get(i).length + (count > 0 ? 1 : 0);
                if (size + add > maxBytes) {
                    break;
                }
                size += add;
                count++;
                i++;
            }
            if (count == 0) {
                throw new NhsValidationException(
                        "messages[" + i + "]",
                        "is too large for a batch request on its own (at most " + maxBytes + " bytes a request)");
            }
            parts.add(new Part(number, ref, first, count, size));
        }
        return new BatchPlan(routingPlanId, batchReference, entries, List.copyOf(parts));
    }

    /**
     * The parts.
     *
     * @return an unmodifiable list, in order
     */
    public List<Part> parts() {
        return parts;
    }

    /**
     * The caller's batch reference.
     *
     * @return the reference
     */
    public String batchReference() {
        return batchReference;
    }

    /**
     * The body of a part, exactly {@link Part#bytes()} long.
     *
     * @param part the part
     * @return the UTF-8 bytes to send
     */
    public byte[] body(Part part) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) part.bytes());
        out.writeBytes(RequestBodies.batchPrefix(routingPlanId, part.reference()));
        for (int k = 0; k < part.count(); k++) {
            if (k > 0) {
                out.write(',');
            }
            out.writeBytes(entries.get(part.first() + k));
        }
        out.writeBytes(RequestBodies.BATCH_SUFFIX);
        byte[] body = out.toByteArray();
        if (body.length != part.bytes()) {
            throw new IllegalStateException("batch body size differs from its plan");
        }
        return body;
    }
}

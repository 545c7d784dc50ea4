package uk.nhs.sdk.testkit.internal.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import uk.nhs.sdk.testkit.internal.Json;

/**
 * The messages and batches the fake accepted, and the references it has seen: a message
 * reference or batch reference is accepted once, ever (until reset), as NHS Notify keeps them for
 * nine months. Not thread-safe: the fake serialises calls.
 */
final class NotifyStore {
    private final Ksuid ksuid = new Ksuid();
    private final Map<String, NotifyMessage> messages = new HashMap<>();
    private final Set<String> references = new HashSet<>();
    private final Set<String> batchReferences = new HashSet<>();
    private final Map<String, String> canned = new HashMap<>();
    /** Messages with status changes not yet turned into callbacks, by when the next is due. */
    private final PriorityQueue<Pending> pending = new PriorityQueue<>();

    private record Pending(Instant due, NotifyMessage message) implements Comparable<Pending> {
        @Override
        public int compareTo(Pending o) {
            return due.compareTo(o.due);
        }
    }

    NotifyStore() {
        try (InputStream in = NotifyStore.class.getResourceAsStream("messages/index.txt")) {
            if (in == null) {
                throw new IllegalStateException("the Notify fake's canned messages are missing");
            }
            for (String id : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\s+")) {
                if (!id.isEmpty()) {
                    canned.put(id, id);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("the Notify fake's canned messages are missing", e);
        }
    }

    void reset() {
        messages.clear();
        references.clear();
        batchReferences.clear();
        pending.clear();
    }

    /**
     * Stores one message.
     *
     * @param attributes the request's valid {@code data.attributes}
     * @param plan its routing plan
     * @param now the sandbox clock's time
     * @param track whether its status changes become callbacks
     * @return the message
     * @throws NotifyError 422 when the reference was seen before
     */
    NotifyMessage sendOne(JsonNode attributes, RoutingPlans.Plan plan, Instant now, boolean track) {
        String reference = attributes.get("messageReference").asText();
        if (references.contains(reference)) {
            throw NotifyError.duplicateMessage();
        }
        references.add(reference);
        return store(ksuid.next(now), reference, plan, now, Optional.empty(), nhsNumber(attributes), track);
    }

    /**
     * Stores a batch, all or nothing.
     *
     * @param attributes the request's valid {@code data.attributes}
     * @param plan its routing plan
     * @param now the sandbox clock's time
     * @param track whether the messages' status changes become callbacks
     * @return the batch's id and its messages, in the request's order
     * @throws NotifyError 422 when the batch reference, or any message reference, was seen before
     */
    Map.Entry<String, List<NotifyMessage>> sendBatch(
            JsonNode attributes, RoutingPlans.Plan plan, Instant now, boolean track) {
        String batchReference = attributes.get("messageBatchReference").asText();
        if (batchReferences.contains(batchReference)) {
            throw NotifyError.duplicateBatch();
        }
        JsonNode items = attributes.get("messages");
        for (int i = 0; i < items.size(); i++) {
            if (references.contains(items.get(i).get("messageReference").asText())) {
                throw NotifyError.duplicateInBatch("/data/attributes/messages/" + i + "/messageReference");
            }
        }
        batchReferences.add(batchReference);
        String batchId = ksuid.next(now);
        List<NotifyMessage> stored = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            String reference = item.get("messageReference").asText();
            references.add(reference);
            stored.add(store(ksuid.next(now), reference, plan, now, Optional.of(batchId), nhsNumber(item), track));
        }
        return Map.entry(batchId, stored);
    }

    private static String nhsNumber(JsonNode message) {
        return message.path("recipient").path("nhsNumber").asText("");
    }

    private NotifyMessage store(
            String id,
            String reference,
            RoutingPlans.Plan plan,
            Instant now,
            Optional<String> batchId,
            String nhsNumber,
            boolean track) {
        NotifyMessage m = new NotifyMessage(id, reference, plan, now, batchId, nhsNumber);
        messages.put(id, m);
        if (!track) {
            m.emitted = Integer.MAX_VALUE;
        } else {
            pending.add(new Pending(now, m));
        }
        return m;
    }

    /**
     * A message's current view: a stored one, else one of the sandbox's canned messages.
     *
     * @param id the message id
     * @param now the sandbox clock's time
     * @param interval the status interval
     * @param self the message's URL
     * @return the body
     */
    Optional<String> view(String id, Instant now, Duration interval, String self) {
        NotifyMessage m = messages.get(id);
        if (m != null) {
            return Optional.of(Json.write(m.view(now, interval, self)));
        }
        if (canned.containsKey(id)) {
            try (InputStream in = NotifyStore.class.getResourceAsStream("messages/" + id + ".json")) {
                return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("%PATH_ROOT%", self));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Optional.empty();
    }

    /**
     * Turns the status changes due by now into callback items.
     *
     * @param now the sandbox clock's time
     * @param interval the status interval
     * @param messagesUrl the messages URL on this sandbox, {@code .../v1/messages}
     * @return the items, grouped by message, each message's in the order they happened
     */
    List<ObjectNode> dueCallbacks(Instant now, Duration interval, String messagesUrl) {
        List<ObjectNode> items = new ArrayList<>();
        while (!pending.isEmpty() && !pending.peek().due().isAfter(now)) {
            NotifyMessage m = pending.poll().message();
            items.addAll(m.takeCallbacks(now, interval, messagesUrl + "/" + m.id));
            m.nextDue(interval).ifPresent(next -> pending.add(new Pending(next, m)));
        }
        return items;
    }

    /**
     * Recomputes when each tracked message's next status change is due, after the status interval
     * changed (the queue holds times computed with the old one).
     *
     * @param interval the new status interval
     */
    void reschedule(Duration interval) {
        List<Pending> old = new ArrayList<>(pending);
        pending.clear();
        for (Pending p : old) {
            p.message().nextDue(interval).ifPresent(next -> pending.add(new Pending(next, p.message())));
        }
    }

    /**
     * How many messages the store holds.
     *
     * @return the count
     */
    int size() {
        return messages.size();
    }

    /** How many stored messages carry each message reference. */
    Map<String, Integer> countsByReference() {
        Map<String, Integer> counts = new HashMap<>();
        for (NotifyMessage m : messages.values()) {
            counts.merge(m.reference, 1, Integer::sum);
        }
        return counts;
    }

    /** The batch's 201 body. */
    static String batchCreated(
            String batchId, String batchReference, RoutingPlans.Plan plan, List<NotifyMessage> stored) {
        ObjectNode root = Json.object();
        ObjectNode data = root.putObject("data");
        data.put("type", "MessageBatch");
        data.put("id", batchId);
        ObjectNode a = data.putObject("attributes");
        a.put("messageBatchReference", batchReference);
        a.set("routingPlan", NotifyMessage.routingPlan(plan));
        ArrayNode list = a.putArray("messages");
        for (NotifyMessage m : stored) {
            list.addObject().put("messageReference", m.reference).put("id", m.id);
        }
        return Json.write(root);
    }

    /** The single message's 201 body. */
    static String messageCreated(NotifyMessage m, String self) {
        ObjectNode root = Json.object();
        ObjectNode data = root.putObject("data");
        data.put("type", "Message");
        data.put("id", m.id);
        ObjectNode a = data.putObject("attributes");
        a.put("messageReference", m.reference);
        a.put("messageStatus", "created");
        a.putObject("timestamps").put("created", m.created.toString());
        a.set("routingPlan", NotifyMessage.routingPlan(m.plan));
        data.putObject("links").put("self", self);
        return Json.write(root);
    }
}

package uk.nhs.sdk.testkit.internal.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import uk.nhs.sdk.testkit.internal.Json;

/**
 * One message the fake accepted and the status changes it goes through, one every status interval
 * after it was created: {@code created → pending_enrichment → enriched → sending → delivered} with
 * the first channel delivered and the others skipped. Two NHS numbers take other paths:
 * {@link #FAILS_ENRICHMENT} fails at enrichment (the sandbox's "patient has exit code") and
 * {@link #CASCADES} fails on its first channel and is delivered by the second.
 *
 * <p>Keeps no personalisation, contact details or NHS number: only which path it takes.
 */
final class NotifyMessage {
    /** An NHS number whose messages fail at enrichment. */
    static final String FAILS_ENRICHMENT = "9990000018";
    /** An NHS number whose messages fail on their first channel and fall back to the next. */
    static final String CASCADES = "9990000026";

    /** One status change, {@code step} intervals after creation: of the message, or of one channel. */
    record Event(
            int step,
            String messageStatus,
            int channel,
            String channelStatus,
            String supplierStatus,
            String description,
            String failureCode) {
        static Event message(int step, String status) {
            return new Event(step, status, -1, null, null, null, null);
        }

        static Event channel(int step, int channel, String status, String supplierStatus) {
            return new Event(step, null, channel, status, supplierStatus, null, null);
        }

        boolean isMessage() {
            return channel < 0;
        }
    }

    /** The timelines, shared by every message that takes the same path over as many channels. */
    private static final Map<String, List<Event>> TIMELINES = new ConcurrentHashMap<>();

    final String id;
    final String reference;
    final RoutingPlans.Plan plan;
    final Instant created;
    final Optional<String> batchId;
    private final List<Event> events;
    /** How many events have been turned into callbacks. */
    int emitted;

    NotifyMessage(
            String id,
            String reference,
            RoutingPlans.Plan plan,
            Instant created,
            Optional<String> batchId,
            String nhsNumber) {
        this.id = id;
        this.reference = reference;
        this.plan = plan;
        this.created = created.truncatedTo(ChronoUnit.MILLIS);
        this.batchId = batchId;
        String path = FAILS_ENRICHMENT.equals(nhsNumber) || CASCADES.equals(nhsNumber) ? nhsNumber : "";
        this.events = TIMELINES.computeIfAbsent(
                path + ":" + plan.channels().size(),
                k -> timeline(path, plan.channels().size()));
    }

    private static List<Event> timeline(String nhsNumber, int channels) {
        List<Event> e = new ArrayList<>();
        e.add(Event.message(1, "pending_enrichment"));
        if (FAILS_ENRICHMENT.equals(nhsNumber)) {
            e.add(new Event(2, "failed", -1, null, null, "Failed reason: Patient has exit code", "MFR_PDSV_0110"));
            return List.copyOf(e);
        }
        e.add(Event.message(2, "enriched"));
        e.add(Event.message(3, "sending"));
        e.add(Event.channel(3, 0, "sending", null));
        int delivering = 0;
        int step = 4;
        if (CASCADES.equals(nhsNumber)) {
            e.add(new Event(
                    4, null, 0, "failed", "unnotified", "Failed reason: NHS number not found", "CFR_PDSV_0004"));
            if (channels == 1) {
                e.add(new Event(4, "failed", -1, null, null, "Failed reason: All channels failed", null));
                return List.copyOf(e);
            }
            e.add(Event.channel(4, 1, "sending", null));
            delivering = 1;
            step = 5;
        }
        e.add(Event.channel(step, delivering, "delivered", "delivered"));
        for (int c = delivering + 1; c < channels; c++) {
            e.add(Event.channel(step, c, "skipped", null));
        }
        e.add(Event.message(step, "delivered"));
        return List.copyOf(e);
    }

    /** The message's state after some events. */
    private final class State {
        String status = "created";
        String description;
        String failureCode;
        Instant enriched;
        Instant ended;
        final String[] channelStatus = new String[plan.channels().size()];
        final String[] supplierStatus = new String[channelStatus.length];
        final String[] channelDescription = new String[channelStatus.length];
        final String[] channelCode = new String[channelStatus.length];
        final Instant[] channelEnded = new Instant[channelStatus.length];

        State() {
            java.util.Arrays.fill(channelStatus, "created");
        }

        void apply(Event e, Instant at) {
            if (e.isMessage()) {
                status = e.messageStatus();
                if ("enriched".equals(status) || "failed".equals(status) && enriched == null) {
                    enriched = at;
                }
                if ("delivered".equals(status) || "failed".equals(status)) {
                    ended = at;
                }
                if (e.description() != null) {
                    description = e.description();
                    failureCode = e.failureCode();
                }
            } else {
                int c = e.channel();
                channelStatus[c] = e.channelStatus();
                if (e.supplierStatus() != null) {
                    supplierStatus[c] = e.supplierStatus();
                }
                if (e.description() != null) {
                    channelDescription[c] = e.description();
                    channelCode[c] = e.failureCode();
                }
                if ("delivered".equals(e.channelStatus()) || "failed".equals(e.channelStatus())) {
                    channelEnded[c] = at;
                }
            }
        }

        boolean hasChannels() {
            return enriched != null && !"failed".equals(status) || channelEnded[0] != null;
        }
    }

    private Instant at(Event e, Duration interval) {
        return created.plus(interval.multipliedBy(e.step()));
    }

    private int due(Instant now, Duration interval) {
        int n = 0;
        while (n < events.size() && !at(events.get(n), interval).isAfter(now)) {
            n++;
        }
        return n;
    }

    /**
     * When the next status change not yet turned into callbacks is due.
     *
     * @param interval the status interval
     * @return the time, or empty when every change has been
     */
    Optional<Instant> nextDue(Duration interval) {
        return emitted < events.size() ? Optional.of(at(events.get(emitted), interval)) : Optional.empty();
    }

    /**
     * The {@code GET /v1/messages/{id}} body at a time.
     *
     * @param now the sandbox clock's time
     * @param interval the status interval
     * @param self the message's URL
     * @return the body
     */
    ObjectNode view(Instant now, Duration interval, String self) {
        State s = new State();
        int due = due(now, interval);
        for (int i = 0; i < due; i++) {
            s.apply(events.get(i), at(events.get(i), interval));
        }
        ObjectNode root = Json.object();
        ObjectNode data = root.putObject("data");
        data.put("type", "Message");
        data.put("id", id);
        ObjectNode a = data.putObject("attributes");
        a.put("messageReference", reference);
        a.put("messageStatus", s.status);
        if (s.description != null) {
            a.put("messageStatusDescription", s.description);
        }
        if (s.failureCode != null) {
            a.put("messageFailureReasonCode", s.failureCode);
        }
        if (s.hasChannels()) {
            ArrayNode channels = a.putArray("channels");
            for (int c = 0; c < s.channelStatus.length; c++) {
                channels.add(channelView(s, c));
            }
        }
        ObjectNode ts = a.putObject("timestamps");
        ts.put("created", created.toString());
        if (s.enriched != null) {
            ts.put("enriched", s.enriched.toString());
        }
        if (s.ended != null) {
            ts.put("delivered".equals(s.status) ? "delivered" : "failed", s.ended.toString());
        }
        if (s.enriched != null) {
            ObjectNode meta = a.putArray("metadata").addObject();
            meta.put("queriedAt", s.enriched.toString());
            meta.put("source", "pds");
            meta.put("version", "1");
            ArrayNode labels = meta.putArray("labels");
            if (s.hasChannels()) {
                plan.channels().forEach(labels::add);
            }
        }
        a.set("routingPlan", routingPlan(plan));
        batchId.ifPresent(b -> {
            ObjectNode rel =
                    data.putObject("relationships").putObject("messageBatch").putObject("data");
            rel.put("type", "MessageBatch");
            rel.put("id", b);
        });
        data.putObject("links").put("self", self);
        return root;
    }

    private ObjectNode channelView(State s, int c) {
        ObjectNode ch = Json.object();
        ch.put("type", plan.channels().get(c));
        ch.put("retryCount", 0);
        ch.put("cascadeType", "primary");
        ch.put("cascadeOrder", c + 1);
        ch.put("channelStatus", s.channelStatus[c]);
        if (s.channelDescription[c] != null) {
            ch.put("channelStatusDescription", s.channelDescription[c]);
            ch.put("channelFailureReasonCode", s.channelCode[c]);
        }
        if (s.supplierStatus[c] != null) {
            ch.put("supplierStatus", s.supplierStatus[c]);
        }
        ObjectNode ts = ch.putObject("timestamps");
        ts.put("created", s.enriched.toString());
        if (s.channelEnded[c] != null) {
            ts.put("delivered".equals(s.channelStatus[c]) ? "delivered" : "failed", s.channelEnded[c].toString());
        }
        ObjectNode rp = ch.putObject("routingPlan");
        rp.put("id", plan.id());
        rp.put("version", plan.version());
        rp.put("type", "original");
        return ch;
    }

    /**
     * The routing plan as responses show it.
     *
     * @param plan the plan
     * @return the object
     */
    static ObjectNode routingPlan(RoutingPlans.Plan plan) {
        ObjectNode rp = Json.object();
        rp.put("id", plan.id());
        rp.put("name", plan.name());
        rp.put("version", plan.version());
        rp.put("createdDate", plan.createdDate());
        return rp;
    }

    /**
     * Turns the status changes due by now, and not yet turned, into callback items: a
     * {@code MessageStatus} item per change of the message, a {@code ChannelStatus} item per change
     * of a channel, each with its own idempotency key.
     *
     * @param now the sandbox clock's time
     * @param interval the status interval
     * @param link the message's URL
     * @return the items, in the order the changes happened
     */
    List<ObjectNode> takeCallbacks(Instant now, Duration interval, String link) {
        int due = due(now, interval);
        List<ObjectNode> items = new ArrayList<>();
        State s = new State();
        for (int i = 0; i < due; i++) {
            Event e = events.get(i);
            Instant at = at(e, interval);
            s.apply(e, at);
            if (i >= emitted) {
                items.add(e.isMessage() ? messageItem(s, at, link, i) : channelItem(s, e.channel(), at, link, i));
            }
        }
        emitted = Math.max(emitted, due);
        return items;
    }

    private ObjectNode messageItem(State s, Instant at, String link, int n) {
        ObjectNode item = Json.object();
        item.put("type", "MessageStatus");
        ObjectNode a = item.putObject("attributes");
        a.put("messageId", id);
        a.put("messageReference", reference);
        a.put("messageStatus", s.status);
        if (s.description != null) {
            a.put("messageStatusDescription", s.description);
        }
        if (s.failureCode != null) {
            a.put("messageFailureReasonCode", s.failureCode);
        }
        ArrayNode channels = a.putArray("channels");
        if (s.hasChannels()) {
            for (int c = 0; c < s.channelStatus.length; c++) {
                channels.addObject().put("type", plan.channels().get(c)).put("channelStatus", s.channelStatus[c]);
            }
        }
        a.put("timestamp", at.toString());
        a.set("routingPlan", routingPlan(plan));
        item.putObject("links").put("message", link);
        item.putObject("meta").put("idempotencyKey", key(n));
        return item;
    }

    private ObjectNode channelItem(State s, int c, Instant at, String link, int n) {
        ObjectNode item = Json.object();
        item.put("type", "ChannelStatus");
        ObjectNode a = item.putObject("attributes");
        a.put("messageId", id);
        a.put("messageReference", reference);
        a.put("cascadeType", "primary");
        a.put("cascadeOrder", c + 1);
        a.put("channel", plan.channels().get(c));
        a.put("channelStatus", s.channelStatus[c]);
        if (s.channelDescription[c] != null) {
            a.put("channelStatusDescription", s.channelDescription[c]);
            a.put("channelFailureReasonCode", s.channelCode[c]);
        }
        if (s.supplierStatus[c] != null) {
            a.put("supplierStatus", s.supplierStatus[c]);
        }
        a.put("timestamp", at.toString());
        a.put("retryCount", 0);
        item.putObject("links").put("message", link);
        item.putObject("meta").put("idempotencyKey", key(n));
        return item;
    }

    /** A 64-hex-digit key unique to this message's n-th change. */
    private String key(int n) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest((id + "/" + n).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}

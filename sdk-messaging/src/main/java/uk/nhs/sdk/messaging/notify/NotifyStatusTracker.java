package uk.nhs.sdk.messaging.notify;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import uk.nhs.sdk.core.error.NhsValidationException;

/**
 * Keeps the latest status of each message and of each of its channels from callbacks that may
 * arrive out of order: an event replaces the one held only when its {@code timestamp} is later,
 * so an older status never overwrites a newer one. Two events with the same timestamp (whatever
 * order they arrive in) are ordered by status: a final one ({@code delivered}, {@code failed},
 * {@code skipped}) beats {@code sending}, which beats the earlier ones; an unknown status never
 * replaces one held at the same time. Bounded: past {@code capacity} messages the least recently updated is
 * forgotten. Thread-safe; in-memory.
 */
public final class NotifyStatusTracker {
    private final int capacity;
    private final Map<String, Held> messages;

    private static final class Held {
        private MessageStatusEvent message;
        private final Map<String, ChannelStatusEvent> channels = new LinkedHashMap<>();
    }

    private NotifyStatusTracker(int capacity) {
        this.capacity = capacity;
        this.messages = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Held> eldest) {
                return super.size() > NotifyStatusTracker.this.capacity; // the map's size
            }
        };
    }

    /**
     * A tracker that keeps up to {@code capacity} messages.
     *
     * @param capacity from 1 to 10,000,000
     * @return the tracker
     * @throws NhsValidationException outside that range
     */
    public static NotifyStatusTracker bounded(int capacity) {
        if (capacity < 1 || capacity > 10_000_000) {
            throw new NhsValidationException("capacity", "must be 1 to 10,000,000");
        }
        return new NotifyStatusTracker(capacity);
    }

    /**
     * Applies an event.
     *
     * @param event a message-status or channel-status event
     * @return {@code true} when it became the latest, {@code false} when a later one was already
     *     held
     */
    public synchronized boolean apply(NotifyCallbackEvent event) {
        Objects.requireNonNull(event, "event");
        Held e = messages.computeIfAbsent(event.messageId(), k -> new Held());
        if (event instanceof MessageStatusEvent) {
            MessageStatusEvent m = (MessageStatusEvent) event;
            if (e.message != null
                    && !later(
                            m.timestamp(),
                            rank(m.messageStatus()),
                            e.message.timestamp(),
                            rank(e.message.messageStatus()))) {
                return false;
            }
            e.message = m;
            return true;
        }
        ChannelStatusEvent c = (ChannelStatusEvent) event;
        String key = channelKey(c.channel(), c.cascadeOrder());
        ChannelStatusEvent held = e.channels.get(key);
        if (held != null
                && !later(c.timestamp(), rank(c.channelStatus()), held.timestamp(), rank(held.channelStatus()))) {
            return false;
        }
        e.channels.put(key, c);
        return true;
    }

    /**
     * The latest message status of a message.
     *
     * @param messageId the message id
     * @return the latest message-status event, if any was applied
     */
    public synchronized Optional<MessageStatusEvent> messageStatus(String messageId) {
        Held e = messages.get(Objects.requireNonNull(messageId, "messageId"));
        return e == null ? Optional.empty() : Optional.ofNullable(e.message);
    }

    /**
     * The latest status of one channel of a message.
     *
     * @param messageId the message id
     * @param channel the channel
     * @param cascadeOrder the channel's position in the cascade, from 1
     * @return the latest channel-status event, if any was applied
     */
    public synchronized Optional<ChannelStatusEvent> channelStatus(
            String messageId, NotifyChannelType channel, int cascadeOrder) {
        Held e = messages.get(Objects.requireNonNull(messageId, "messageId"));
        return e == null
                ? Optional.empty()
                : Optional.ofNullable(
                        e.channels.get(channelKey(Objects.requireNonNull(channel, "channel"), cascadeOrder)));
    }

    /**
     * How many messages are tracked.
     *
     * @return the count, at most the capacity
     */
    public synchronized int size() {
        return messages.size();
    }

    /** Whether an event is later than the one held: by time, then by how far its status has gone. */
    private static boolean later(Instant time, int rank, Instant heldTime, int heldRank) {
        int byTime = time.compareTo(heldTime);
        return byTime > 0 || byTime == 0 && rank > heldRank;
    }

    private static int rank(NotifyMessageStatus s) {
        switch (s.value()) {
            case "created":
                return 0;
            case "pending_enrichment":
                return 1;
            case "enriched":
                return 2;
            case "sending":
                return 3;
            case "delivered":
            case "failed":
                return 4;
            default:
                return -1;
        }
    }

    private static int rank(NotifyChannelStatus s) {
        switch (s.value()) {
            case "created":
                return 0;
            case "sending":
                return 1;
            case "delivered":
            case "failed":
            case "skipped":
                return 2;
            default:
                return -1;
        }
    }

    private static String channelKey(NotifyChannelType channel, int cascadeOrder) {
        return channel.value() + "#" + cascadeOrder;
    }

    @Override
    public String toString() {
        return "NotifyStatusTracker[capacity=" + capacity + "]";
    }
}

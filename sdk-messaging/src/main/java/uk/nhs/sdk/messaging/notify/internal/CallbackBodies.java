package uk.nhs.sdk.messaging.notify.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import uk.nhs.sdk.messaging.notify.ChannelStatusEvent;
import uk.nhs.sdk.messaging.notify.MessageStatusEvent;
import uk.nhs.sdk.messaging.notify.NotifyCallbackEvent;
import uk.nhs.sdk.messaging.notify.NotifyCascadeType;
import uk.nhs.sdk.messaging.notify.NotifyChannelStatus;
import uk.nhs.sdk.messaging.notify.NotifyChannelType;
import uk.nhs.sdk.messaging.notify.NotifyMessageStatus;
import uk.nhs.sdk.messaging.notify.NotifySupplierStatus;

/**
 * Reads callback bodies ({@code callbacks/message_status.yaml}, {@code callbacks/channel_status.yaml}):
 * {@code {"data":[item, ...]}} with at least one item. Fields the SDK does not know are ignored,
 * and so are items of a {@code type} it does not know; an item of a known type without one of its
 * required fields makes the whole body unreadable. Internal.
 */
public final class CallbackBodies {
    private CallbackBodies() {}

    /**
     * Reads a callback body.
     *
     * @param body the raw body
     * @return the events, in body order, or empty when the body is not a readable callback
     */
    public static Optional<List<NotifyCallbackEvent>> parse(byte[] body) {
        JsonNode root = NotifyJson.object(body).orElse(null);
        JsonNode data = root == null ? null : root.get("data");
        if (data == null || !data.isArray() || data.isEmpty()) {
            return Optional.empty();
        }
        List<NotifyCallbackEvent> out = new ArrayList<>(data.size());
        for (JsonNode item : data) {
            String type = NotifyJson.text(item, "type").orElse("");
            Optional<? extends NotifyCallbackEvent> e;
            if (type.equals("MessageStatus")) {
                e = messageStatus(item);
            } else if (type.equals("ChannelStatus")) {
                e = channelStatus(item);
            } else if (item.isObject() && !type.isEmpty()) {
                continue;
            } else {
                return Optional.empty();
            }
            if (e.isEmpty()) {
                return Optional.empty();
            }
            out.add(e.get());
        }
        return Optional.of(List.copyOf(out));
    }

    private static Optional<MessageStatusEvent> messageStatus(JsonNode item) {
        JsonNode a = NotifyJson.child(item, "attributes").orElse(null);
        Optional<String> id = NotifyJson.text(a, "messageId").filter(NotifyValidation::isKsuid);
        Optional<String> ref = NotifyJson.text(a, "messageReference");
        Optional<String> status = NotifyJson.text(a, "messageStatus");
        Optional<Instant> ts = NotifyJson.instant(a, "timestamp");
        Optional<String> key = idempotencyKey(item);
        if (id.isEmpty() || ref.isEmpty() || status.isEmpty() || ts.isEmpty() || key.isEmpty()) {
            return Optional.empty();
        }
        List<MessageStatusEvent.ChannelSummary> channels = new ArrayList<>();
        JsonNode chs = a.get("channels");
        if (chs != null && chs.isArray()) {
            for (JsonNode c : chs) {
                Optional<String> t = NotifyJson.text(c, "type");
                Optional<String> s = NotifyJson.text(c, "channelStatus");
                if (t.isEmpty() || s.isEmpty()) {
                    return Optional.empty();
                }
                channels.add(new MessageStatusEvent.ChannelSummary(
                        NotifyChannelType.of(t.get()), NotifyChannelStatus.of(s.get())));
            }
        }
        return Optional.of(new MessageStatusEvent(
                id.get(),
                ref.get(),
                NotifyMessageStatus.of(status.get()),
                NotifyJson.text(a, "messageStatusDescription"),
                NotifyJson.text(a, "messageFailureReasonCode"),
                channels,
                Responses.routingPlan(NotifyJson.child(a, "routingPlan").orElse(null)),
                ts.get(),
                key.get()));
    }

    private static Optional<ChannelStatusEvent> channelStatus(JsonNode item) {
        JsonNode a = NotifyJson.child(item, "attributes").orElse(null);
        Optional<String> id = NotifyJson.text(a, "messageId").filter(NotifyValidation::isKsuid);
        Optional<String> ref = NotifyJson.text(a, "messageReference");
        Optional<String> cascade = NotifyJson.text(a, "cascadeType");
        OptionalInt order = NotifyJson.integer(a, "cascadeOrder");
        Optional<String> channel = NotifyJson.text(a, "channel");
        Optional<String> status = NotifyJson.text(a, "channelStatus");
        Optional<Instant> ts = NotifyJson.instant(a, "timestamp");
        OptionalInt retries = NotifyJson.integer(a, "retryCount");
        Optional<String> key = idempotencyKey(item);
        if (id.isEmpty()
                || ref.isEmpty()
                || cascade.isEmpty()
                || order.isEmpty()
                || channel.isEmpty()
                || status.isEmpty()
                || ts.isEmpty()
                || retries.isEmpty()
                || key.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ChannelStatusEvent(
                id.get(),
                ref.get(),
                NotifyCascadeType.of(cascade.get()),
                order.getAsInt(),
                NotifyChannelType.of(channel.get()),
                NotifyChannelStatus.of(status.get()),
                NotifyJson.text(a, "channelStatusDescription"),
                NotifyJson.text(a, "channelFailureReasonCode"),
                NotifyJson.text(a, "supplierStatus").map(NotifySupplierStatus::of),
                retries.getAsInt(),
                ts.get(),
                key.get()));
    }

    private static Optional<String> idempotencyKey(JsonNode item) {
        return NotifyJson.child(item, "meta")
                .flatMap(m -> NotifyJson.text(m, "idempotencyKey"))
                .filter(k -> k.length() <= 512);
    }
}

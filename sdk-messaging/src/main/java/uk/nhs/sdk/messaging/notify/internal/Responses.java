package uk.nhs.sdk.messaging.notify.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.error.NhsDecodeException;
import uk.nhs.sdk.core.http.NhsResponse;
import uk.nhs.sdk.messaging.notify.NhsAppAccount;
import uk.nhs.sdk.messaging.notify.NhsAppAccountsPage;
import uk.nhs.sdk.messaging.notify.NotifyCascadeType;
import uk.nhs.sdk.messaging.notify.NotifyChannel;
import uk.nhs.sdk.messaging.notify.NotifyChannelStatus;
import uk.nhs.sdk.messaging.notify.NotifyChannelType;
import uk.nhs.sdk.messaging.notify.NotifyMessageDetails;
import uk.nhs.sdk.messaging.notify.NotifyMessageStatus;
import uk.nhs.sdk.messaging.notify.NotifyRoutingPlanRef;
import uk.nhs.sdk.messaging.notify.NotifyRoutingPlanType;
import uk.nhs.sdk.messaging.notify.NotifySupplierStatus;

/**
 * Reads NHS Notify's success bodies, ignoring fields the SDK does not know. A body without a
 * required field is an {@link NhsDecodeException} naming the field, never quoting the body.
 * Internal.
 */
public final class Responses {
    private Responses() {}

    /** What {@code 201} to {@code POST /v1/messages} says. */
    public record Created(String id, Optional<String> messageReference) {}

    /** What {@code 201} to {@code POST /v1/message-batches} says. */
    public record BatchCreated(Optional<String> batchId, Map<String, String> idsByReference) {
        /**
         * Keeps an immutable copy of the ids.
         *
         * @param batchId the batch id, if valid
         * @param idsByReference the message ids by message reference
         */
        public BatchCreated {
            idsByReference = Map.copyOf(idsByReference);
        }
    }

    /** One page of NHS App accounts and its next page's number. */
    public record AccountsPage(NhsAppAccountsPage page, OptionalInt nextPage) {}

    private static JsonNode root(NhsResponse r, String what) {
        return NotifyJson.object(r.body())
                .orElseThrow(() -> new NhsDecodeException(
                        "the NHS Notify " + what + " response is not a JSON object", r.details(), null));
    }

    private static NhsDecodeException missing(NhsResponse r, String what, String field) {
        return new NhsDecodeException("the NHS Notify " + what + " response has no valid " + field, r.details(), null);
    }

    /**
     * Reads a message-created body.
     *
     * @param r the response
     * @return the id (a KSUID) and reference
     */
    public static Created created(NhsResponse r) {
        JsonNode data = NotifyJson.child(root(r, "send"), "data").orElseThrow(() -> missing(r, "send", "data"));
        String id = NotifyJson.text(data, "id")
                .filter(NotifyValidation::isKsuid)
                .orElseThrow(() -> missing(r, "send", "data.id (a KSUID)"));
        return new Created(
                id, NotifyJson.child(data, "attributes").flatMap(a -> NotifyJson.text(a, "messageReference")));
    }

    /**
     * Reads a batch-created body.
     *
     * @param r the response
     * @return the batch id and the message ids by reference
     */
    public static BatchCreated batchCreated(NhsResponse r) {
        JsonNode data = NotifyJson.child(root(r, "batch"), "data").orElseThrow(() -> missing(r, "batch", "data"));
        Optional<String> id = NotifyJson.text(data, "id");
        Map<String, String> ids = new HashMap<>();
        JsonNode msgs =
                NotifyJson.child(data, "attributes").map(a -> a.get("messages")).orElse(null);
        if (msgs != null && msgs.isArray()) {
            for (JsonNode m : msgs) {
                Optional<String> ref = NotifyJson.text(m, "messageReference");
                Optional<String> mid = NotifyJson.text(m, "id").filter(NotifyValidation::isKsuid);
                if (ref.isPresent() && mid.isPresent()) {
                    ids.put(ref.get(), mid.get());
                }
            }
        }
        return new BatchCreated(id.filter(s -> s.matches("[A-Za-z0-9_-]{1,100}")), ids);
    }

    /**
     * Reads a message body ({@code schemas/responses/MessageResponse.yaml}).
     *
     * @param r the response
     * @return the message
     */
    public static NotifyMessageDetails message(NhsResponse r) {
        String what = "message";
        JsonNode data = NotifyJson.child(root(r, what), "data").orElseThrow(() -> missing(r, what, "data"));
        String id = NotifyJson.text(data, "id")
                .filter(NotifyValidation::isKsuid)
                .orElseThrow(() -> missing(r, what, "data.id (a KSUID)"));
        JsonNode a = NotifyJson.child(data, "attributes").orElseThrow(() -> missing(r, what, "data.attributes"));
        String ref = NotifyJson.text(a, "messageReference").orElseThrow(() -> missing(r, what, "messageReference"));
        NotifyMessageStatus status = NotifyJson.text(a, "messageStatus")
                .map(NotifyMessageStatus::of)
                .orElseThrow(() -> missing(r, what, "messageStatus"));
        NotifyRoutingPlanRef plan = routingPlan(
                        NotifyJson.child(a, "routingPlan").orElse(null))
                .orElseThrow(() -> missing(r, what, "routingPlan"));
        JsonNode ts = NotifyJson.child(a, "timestamps").orElse(null);
        Instant created = NotifyJson.instant(ts, "created").orElseThrow(() -> missing(r, what, "timestamps.created"));
        List<NotifyChannel> channels = new ArrayList<>();
        JsonNode chs = a.get("channels");
        if (chs != null && chs.isArray()) {
            int i = 0;
            for (JsonNode c : chs) {
                channels.add(channel(r, c, i++));
            }
        }
        Optional<String> batchId = NotifyJson.child(data, "relationships")
                .flatMap(rel -> NotifyJson.child(rel, "messageBatch"))
                .flatMap(mb -> NotifyJson.child(mb, "data"))
                .flatMap(d -> NotifyJson.text(d, "id"));
        return new NotifyMessageDetails(
                id,
                ref,
                status,
                NotifyJson.text(a, "messageStatusDescription"),
                NotifyJson.text(a, "messageFailureReasonCode"),
                plan,
                channels,
                created,
                NotifyJson.instant(ts, "enriched"),
                NotifyJson.instant(ts, "delivered"),
                NotifyJson.instant(ts, "failed"),
                batchId);
    }

    private static NotifyChannel channel(NhsResponse r, JsonNode c, int i) {
        String what = "message";
        String at = "channels[" + i + "].";
        NotifyChannelType type =
                NotifyJson.text(c, "type").map(NotifyChannelType::of).orElseThrow(() -> missing(r, what, at + "type"));
        NotifyCascadeType cascade = NotifyJson.text(c, "cascadeType")
                .map(NotifyCascadeType::of)
                .orElseThrow(() -> missing(r, what, at + "cascadeType"));
        int order = NotifyJson.integer(c, "cascadeOrder").orElseThrow(() -> missing(r, what, at + "cascadeOrder"));
        NotifyChannelStatus status = NotifyJson.text(c, "channelStatus")
                .map(NotifyChannelStatus::of)
                .orElseThrow(() -> missing(r, what, at + "channelStatus"));
        JsonNode ts = NotifyJson.child(c, "timestamps").orElse(null);
        return new NotifyChannel(
                type,
                cascade,
                order,
                status,
                NotifyJson.text(c, "channelStatusDescription"),
                NotifyJson.text(c, "channelFailureReasonCode"),
                NotifyJson.text(c, "supplierStatus").map(NotifySupplierStatus::of),
                NotifyJson.integer(c, "retryCount").orElse(0),
                NotifyJson.instant(ts, "created"),
                NotifyJson.instant(ts, "delivered"),
                NotifyJson.instant(ts, "failed"),
                routingPlan(NotifyJson.child(c, "routingPlan").orElse(null)));
    }

    /**
     * Reads a routing plan object.
     *
     * @param p the object, or null
     * @return the plan, when it has a UUID id
     */
    public static Optional<NotifyRoutingPlanRef> routingPlan(JsonNode p) {
        Optional<UUID> id = NotifyJson.uuid(p, "id");
        return id.map(u -> new NotifyRoutingPlanRef(
                u,
                NotifyJson.text(p, "name"),
                NotifyJson.textOrNumber(p, "version"),
                NotifyJson.text(p, "type").map(NotifyRoutingPlanType::of),
                NotifyJson.instant(p, "createdDate")));
    }

    /**
     * Reads a page of NHS App accounts ({@code schemas/responses/NhsAppAccDetailsResponse.yaml}).
     *
     * @param r the response
     * @param odsCode the practice asked for
     * @param page the page asked for
     * @param base the client's base URL: a next link must be on its host
     * @return the page and the next page's number
     */
    public static AccountsPage accounts(NhsResponse r, OdsCode odsCode, int page, URI base) {
        String what = "NHS App accounts";
        JsonNode root = root(r, what);
        JsonNode data = NotifyJson.child(root, "data").orElseThrow(() -> missing(r, what, "data"));
        JsonNode arr =
                NotifyJson.child(data, "attributes").map(a -> a.get("accounts")).orElse(null);
        if (arr == null || !arr.isArray()) {
            throw missing(r, what, "data.attributes.accounts");
        }
        List<NhsAppAccount> accounts = new ArrayList<>(arr.size());
        int i = 0;
        for (JsonNode n : arr) {
            String at = "accounts[" + i++ + "]";
            String nhs = NotifyJson.textOrNumber(n, "nhsNumber")
                    .filter(NhsNumber::isValid)
                    .orElseThrow(() -> missing(r, what, at + ".nhsNumber"));
            JsonNode en = n.get("notificationsEnabled");
            if (en == null || !en.isBoolean()) {
                throw missing(r, what, at + ".notificationsEnabled");
            }
            accounts.add(new NhsAppAccount(NhsNumber.parse(nhs), en.booleanValue()));
        }
        JsonNode links = NotifyJson.child(root, "links").orElse(null);
        OptionalInt next = NotifyJson.text(links, "next")
                .map(l -> pageOf(r, l, base, odsCode))
                .orElse(OptionalInt.empty());
        if (next.isPresent() && next.getAsInt() <= page) {
            throw new NhsDecodeException(
                    "the NHS Notify NHS App accounts response links to a page that is not " + "after this one",
                    r.details(),
                    null);
        }
        OptionalInt last = NotifyJson.text(links, "last")
                .map(l -> pageOf(r, l, base, odsCode))
                .orElse(OptionalInt.empty());
        return new AccountsPage(new NhsAppAccountsPage(odsCode, page, last, next.isPresent(), accounts), next);
    }

    /**
     * The {@code page} of a pagination link, after checking it points at this client's host and
     * this practice.
     */
    private static OptionalInt pageOf(NhsResponse r, String link, URI base, OdsCode odsCode) {
        URI u;
        try {
            u = new URI(link);
        } catch (java.net.URISyntaxException e) {
            throw new NhsDecodeException(
                    "the NHS Notify NHS App accounts response has an invalid link", r.details(), null);
        }
        if (u.isAbsolute()
                && !(eq(u.getScheme(), base.getScheme()) && eq(u.getHost(), base.getHost()) && port(u) == port(base))) {
            throw new NhsDecodeException(
                    "the NHS Notify NHS App accounts response links to another host", r.details(), null);
        }
        String query = u.getRawQuery();
        OptionalInt page = OptionalInt.empty();
        if (query != null) {
            for (String kv : query.split("&")) {
                int eq = kv.indexOf('=');
                String k = eq < 0 ? kv : kv.substring(0, eq);
                String v = eq < 0 ? "" : kv.substring(eq + 1);
                if (k.equals("page") && v.matches("[0-9]{1,6}")) {
                    page = OptionalInt.of(Integer.parseInt(v));
                }
                if (k.equals("ods-organisation-code") && !v.equalsIgnoreCase(odsCode.value())) {
                    throw new NhsDecodeException(
                            "the NHS Notify NHS App accounts response links to another " + "practice",
                            r.details(),
                            null);
                }
            }
        }
        if (page.isEmpty()) {
            throw new NhsDecodeException(
                    "the NHS Notify NHS App accounts response has a link without a page", r.details(), null);
        }
        return page;
    }

    private static boolean eq(String a, String b) {
        return a != null && a.equalsIgnoreCase(b);
    }

    private static int port(URI u) {
        if (u.getPort() >= 0) {
            return u.getPort();
        }
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }
}

package uk.nhs.sdk.messaging.mesh;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import uk.nhs.sdk.core.error.NhsDecodeException;
import uk.nhs.sdk.core.http.NhsRequest;
import uk.nhs.sdk.core.http.NhsResponse;
import uk.nhs.sdk.messaging.mesh.internal.MeshJson;

/** Lists the inbox: one page, every page lazily, every id lazily, and the (deprecated) count. */
final class MeshInboxReader {
    private static final String INBOX = "/messageexchange/{mailbox}/inbox";
    private static final String COUNT = "/messageexchange/{mailbox}/count";

    private final MeshCalls calls;

    MeshInboxReader(MeshCalls calls) {
        this.calls = calls;
    }

    MeshInboxPage inbox(MeshInboxQuery query) {
        Objects.requireNonNull(query, "query");
        NhsRequest.Builder rb = NhsRequest.builder("GET", INBOX).pathParam("mailbox", calls.mailbox);
        query.maxResults().ifPresent(n -> rb.query("max_results", Integer.toString(n)));
        query.workflowFilter().ifPresent(f -> rb.query("workflow_filter", f));
        query.continueFrom().ifPresent(c -> rb.query("continue_from", c));
        try (NhsResponse r = calls.call(rb.build())) {
            JsonNode json = MeshJson.object(r, "inbox");
            JsonNode messages = json.get("messages");
            if (messages == null || !messages.isArray()) {
                throw new NhsDecodeException("the MESH inbox response has no messages list", r.details(), null);
            }
            List<String> ids = new ArrayList<>();
            for (JsonNode m : messages) {
                if (m.isTextual() && !m.asText().isBlank()) {
                    ids.add(m.asText());
                }
            }
            JsonNode count = json.get("approx_inbox_count");
            Long approx = count != null && count.isNumber() ? count.asLong() : null;
            String token = continueFrom(json.path("links").path("next").asText(null));
            MeshInboxQuery next =
                    token == null || token.equals(query.continueFrom().orElse(null))
                            ? null
                            : query.continuingFrom(token);
            return new MeshInboxPage(ids, approx, next);
        }
    }

    private static String continueFrom(String nextLink) {
        if (nextLink == null || nextLink.isBlank()) {
            return null;
        }
        int q = nextLink.indexOf('?');
        if (q < 0) {
            return null;
        }
        for (String pair : nextLink.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (name.equals("continue_from") && eq > 0) {
                String v = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                return v.isEmpty() ? null : v;
            }
        }
        return null;
    }

    /**
     * Every page, fetched lazily, following {@code links.next} through empty pages; the paging ends
     * when a page has no next link, or its next link leads back to a page already listed.
     */
    Iterable<MeshInboxPage> inboxPages(MeshInboxQuery query) {
        Objects.requireNonNull(query, "query");
        return () -> new Iterator<>() {
            private MeshInboxQuery next = query;
            // a server whose links.next leads back to a page already listed would loop forever
            private final Set<String> tokensSeen = new HashSet<>();

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public MeshInboxPage next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                next.continueFrom().ifPresent(tokensSeen::add);
                MeshInboxPage page = inbox(next);
                next = page.nextPage()
                        .filter(q -> !tokensSeen.contains(q.continueFrom().orElse("")))
                        .orElse(null);
                return page;
            }
        };
    }

    Iterable<String> inboxMessageIds(MeshInboxQuery query) {
        Iterable<MeshInboxPage> pages = inboxPages(query);
        return () -> new Iterator<>() {
            private final Iterator<MeshInboxPage> p = pages.iterator();
            private Iterator<String> current = List.<String>of().iterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && p.hasNext()) {
                    current = p.next().messageIds().iterator();
                }
                return current.hasNext();
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    long inboxCount() {
        try (NhsResponse r = calls.call(NhsRequest.builder("GET", COUNT)
                .pathParam("mailbox", calls.mailbox)
                .build())) {
            JsonNode count = MeshJson.object(r, "count").get("count");
            if (count == null || !count.isNumber()) {
                throw new NhsDecodeException("the MESH count response has no count", r.details(), null);
            }
            return count.asLong();
        }
    }
}

package uk.nhs.sdk.testkit.internal.mesh;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Predicate;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.testkit.internal.Fake;
import uk.nhs.sdk.testkit.internal.FakeResponse;
import uk.nhs.sdk.testkit.internal.Json;
import uk.nhs.sdk.testkit.internal.RequestBodySpool;
import uk.nhs.sdk.testkit.internal.SandboxContext;
import uk.nhs.sdk.testkit.internal.mesh.MeshDirectory.Mailbox;
import uk.nhs.sdk.testkit.internal.mesh.MeshMessage.Status;

/**
 * The MESH API (v2, and v1 bodies when a client asks for them) at the sandbox's root:
 * {@code /messageexchange/...}. It keeps real state: mailboxes authenticate with the NHSMESH
 * header ({@link MeshAuthVerifier}); a message sent in chunks reaches the recipient's inbox only
 * when its last chunk arrives, and chunks must come in order; the inbox pages with
 * {@code links.next}; downloads answer 206 for a chunk that is not the last and 200 for the last,
 * with the {@code Content-Encoding} it was uploaded with (or, when turned on, gzipped on the fly
 * for a client that accepts gzip, as NHS England's mesh-sandbox does); acknowledged messages leave the inbox;
 * uncollected ones turn into REPORTs to their senders on the sandbox clock.
 *
 * <p>Status codes, error bodies and content types follow MESH's specification and the exchanges
 * captured from NHSDigital/mesh-sandbox. Where real MESH is stricter than that sandbox (token
 * timestamp window, nonce replay, chunk order, no download after acknowledgement) the fake follows
 * real MESH.
 */
public final class MeshFake implements Fake {
    private static final int DEFAULT_MAX_RESULTS = 500;

    private final MeshDirectory directory;
    private final MeshAuthVerifier verifier;
    private final MeshStore store;
    private final MeshOutbox outbox;
    private final boolean gzipOnTheFly;

    /**
     * Creates the fake.
     *
     * @param context the sandbox's shared state (its clock)
     * @param directory the mailboxes and workflows
     * @param sharedKey the environment's shared key
     * @param dataDirectory where chunk bodies are kept; the sandbox deletes it on close
     * @param bodyFilePrefix how the server's body-file source names {@code dataDirectory}, such as
     *     {@code mesh/}
     * @param bodies the raw bodies of POST requests, on the same file system as {@code dataDirectory}
     */
    public MeshFake(
            SandboxContext context,
            MeshDirectory directory,
            Secret sharedKey,
            Path dataDirectory,
            String bodyFilePrefix,
            RequestBodySpool bodies) {
        this(context, directory, sharedKey, dataDirectory, bodyFilePrefix, bodies, false);
    }

    /**
     * Creates the fake, choosing whether it gzips uncompressed chunks on the fly.
     *
     * @param context the sandbox's shared state (its clock)
     * @param directory the mailboxes and workflows
     * @param sharedKey the environment's shared key
     * @param dataDirectory where chunk bodies are kept; the sandbox deletes it on close
     * @param bodyFilePrefix how the server's body-file source names {@code dataDirectory}
     * @param bodies the raw bodies of POST requests, on the same file system as {@code dataDirectory}
     * @param gzipOnTheFly whether a chunk stored uncompressed is sent gzipped (level 9, streamed,
     *     no {@code Content-Length}) to a download that accepts gzip, as NHS England's
     *     mesh-sandbox does; otherwise it is sent as stored
     */
    public MeshFake(
            SandboxContext context,
            MeshDirectory directory,
            Secret sharedKey,
            Path dataDirectory,
            String bodyFilePrefix,
            RequestBodySpool bodies,
            boolean gzipOnTheFly) {
        this.gzipOnTheFly = gzipOnTheFly;
        this.directory = directory;
        this.verifier = new MeshAuthVerifier(sharedKey, context.clock());
        this.store = new MeshStore(dataDirectory, bodyFilePrefix, context.clock());
        this.outbox = new MeshOutbox(directory, store, bodies, this::authenticate);
    }

    /**
     * The mailboxes and workflows this fake knows.
     *
     * @return the directory
     */
    public MeshDirectory directory() {
        return directory;
    }

    @Override
    public String name() {
        return "mesh";
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route("ANY", "/messageexchange(/.*)?"));
    }

    @Override
    public void reset() {
        store.clear();
        verifier.reset();
    }

    @Override
    public ResponseDefinition handle(Request request) {
        MeshCall call;
        try {
            call = MeshCall.of(request);
        } catch (IllegalArgumentException malformedPercentEncoding) {
            return notFound();
        }
        try {
            store.sweep();
            call.readApiVersion();
            return route(call);
        } catch (MeshRefusal refusal) {
            return refusal.response();
        }
    }

    private ResponseDefinition route(MeshCall call) {
        List<String> s = call.segments();
        int size = s.size();
        if (size < 2) {
            return notFound();
        }
        switch (s.get(1)) {
            case "_ping":
                return size == 2 ? only(call, "GET", this::ping) : notFound();
            case "endpointlookup":
                return size == 4 ? only(call, "GET", this::endpointLookup) : notFound();
            case "workflowsearch":
                return size == 3 ? only(call, "GET", this::workflowSearch) : notFound();
            default:
                break;
        }
        if (size == 2) {
            return call.method().equals("GET") || call.method().equals("POST") ? handshake(call) : notAllowed();
        }
        String area = s.get(2);
        if (area.equals("inbox")) {
            if (size == 3) {
                return only(call, "GET", this::inbox);
            }
            if (size == 4) {
                if (call.method().equals("HEAD")) {
                    return head(call);
                }
                return only(call, "GET", this::download);
            }
            if (size == 5) {
                return only(call, "GET", this::download);
            }
            if (size == 6 && s.get(4).equals("status") && s.get(5).equals("acknowledged")) {
                return only(call, "PUT", this::acknowledge);
            }
        } else if (area.equals("count") && size == 3) {
            return only(call, "GET", this::count);
        } else if (area.equals("outbox")) {
            if (size == 3) {
                return only(call, "POST", outbox::send);
            }
            if (size == 4 && s.get(3).equals("tracking")) {
                return only(call, "GET", this::track);
            }
            if (size == 5 && s.get(3).equals("tracking")) {
                return only(call, "GET", this::trackByLocalId);
            }
            if (size == 5) {
                return only(call, "POST", outbox::sendChunk);
            }
        }
        return notFound();
    }

    private interface Handler {
        ResponseDefinition handle(MeshCall call);
    }

    private static ResponseDefinition only(MeshCall call, String method, Handler handler) {
        return call.method().equals(method) ? handler.handle(call) : notAllowed();
    }

    private static ResponseDefinition notFound() {
        return FakeResponse.json(404, "{\"detail\":\"Not Found\"}");
    }

    private static ResponseDefinition notAllowed() {
        return FakeResponse.json(405, "{\"detail\":\"Method Not Allowed\"}");
    }

    static ResponseDefinition json(int status, String contentType, Object body) {
        return FakeResponse.json(status, contentType, Json.write(body)).build();
    }

    private static ResponseDefinition empty(int status) {
        return new ResponseDefinitionBuilder().withStatus(status).build();
    }

    private Mailbox authenticate(MeshCall call) {
        MeshAuthVerifier.Outcome outcome =
                verifier.verify(call.segment(1), call.header("authorization").orElse(null), directory);
        if (!outcome.accepted()) {
            throw MeshErrors.refuse(403, call.apiVersion(), outcome.refusal().orElseThrow());
        }
        return outcome.mailbox().orElseThrow();
    }

    // ---- handshake, count, lookup ------------------------------------------------------------

    private ResponseDefinition handshake(MeshCall call) {
        Mailbox mailbox = authenticate(call);
        List<MeshErrors.Invalid> missing = new ArrayList<>();
        for (String h : List.of("mex-clientversion", "mex-osname", "mex-osversion")) {
            if (call.header(h).isEmpty()) {
                missing.add(MeshErrors.Invalid.missing("header", h));
            }
        }
        if (!missing.isEmpty()) {
            throw MeshErrors.invalid(missing);
        }
        return call.apiVersion() >= 2 ? empty(200) : json(200, MeshErrors.JSON, Map.of("mailboxId", mailbox.id()));
    }

    private ResponseDefinition count(MeshCall call) {
        Mailbox mailbox = authenticate(call);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", store.inbox(mailbox.id(), m -> true).size());
        if (call.apiVersion() < 2) {
            body.put("internalID", UUID.randomUUID().toString().replace("-", ""));
            body.put("allResultsIncluded", true);
        }
        return json(200, MeshErrors.JSON, body);
    }

    private ResponseDefinition ping(MeshCall call) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("env", "sandbox");
        body.put("build_label", "nhs-sdk-testkit");
        body.put("status", "running");
        body.put("outcome", "Yes");
        return json(200, MeshErrors.JSON, body);
    }

    private ResponseDefinition endpointLookup(MeshCall call) {
        return lookupResponse(call, directory.lookup(call.segment(2), call.segment(3)));
    }

    private ResponseDefinition workflowSearch(MeshCall call) {
        return lookupResponse(call, directory.receivers(call.segment(2)));
    }

    private static ResponseDefinition lookupResponse(MeshCall call, List<Mailbox> found) {
        return json(200, MeshErrors.JSON, MeshLookupResults.body(call.apiVersion(), found));
    }

    // ---- outbox -------------------------------------------------------------------------------

    private ResponseDefinition track(MeshCall call) {
        Mailbox sender = authenticate(call);
        String id = call.query("messageID")
                .filter(s -> !s.isEmpty())
                .orElseThrow(() -> MeshErrors.missing("query", "messageID"));
        MeshMessage m = store.get(id)
                .filter(x -> x.sender.map(s -> s.id().equals(sender.id())).orElse(false))
                .orElseThrow(() -> MeshErrors.refuse(404, call.apiVersion(), MeshError.NOT_FOUND));
        synchronized (store) {
            return call.apiVersion() >= 2
                    ? json(200, MeshErrors.V2_JSON, MeshViews.trackingV2(m))
                    : json(200, MeshErrors.JSON, MeshViews.trackingV1(m));
        }
    }

    private ResponseDefinition trackByLocalId(MeshCall call) {
        Mailbox sender = authenticate(call);
        List<MeshMessage> found = store.sentWithLocalId(sender.id(), call.segment(4));
        if (found.isEmpty()) {
            throw MeshErrors.refuse(404, call.apiVersion(), MeshError.NOT_FOUND);
        }
        if (found.size() > 1) {
            throw MeshErrors.refuse(300, call.apiVersion(), MeshError.MULTIPLE_CHOICES);
        }
        synchronized (store) {
            return json(200, MeshErrors.JSON, MeshViews.trackingV1(found.get(0)));
        }
    }

    // ---- inbox --------------------------------------------------------------------------------

    private ResponseDefinition inbox(MeshCall call) {
        Mailbox mailbox = authenticate(call);
        int v = call.apiVersion();
        Optional<String> maxParam = call.query("max_results");
        int max = DEFAULT_MAX_RESULTS;
        if (maxParam.isPresent()) {
            if (!maxParam.get().matches("-?[0-9]{1,9}")) {
                throw MeshErrors.invalid(
                        "int_parsing",
                        "query",
                        "max_results",
                        "Input should be a valid integer, unable to parse string as an integer");
            }
            max = Integer.parseInt(maxParam.get());
            if (max < 10) {
                throw MeshErrors.invalid(
                        "greater_than_equal", "query", "max_results", "Input should be greater than or equal to 10");
            }
            if (max > 5000) {
                throw MeshErrors.invalid(
                        "less_than_equal", "query", "max_results", "Input should be less than or equal to 5000");
            }
        }
        Optional<String> workflowFilter = call.query("workflow_filter");
        if (workflowFilter.isPresent()
                && (workflowFilter.get().length() < 2 || workflowFilter.get().length() > 255)) {
            throw MeshErrors.invalid(
                    workflowFilter.get().length() < 2 ? "string_too_short" : "string_too_long",
                    "query",
                    "workflow_filter",
                    "String should have between 2 and 255 characters");
        }
        Predicate<MeshMessage> filter =
                workflowFilter.map(WorkflowFilter::parse).orElse(m -> true);
        Optional<String> continueFrom = call.query("continue_from");
        long after = 0;
        if (continueFrom.isPresent()) {
            after = afterSequence(mailbox, v, continueFrom.get());
        }
        long from = after;
        List<MeshMessage> matching = store.inbox(mailbox.id(), filter.and(m -> m.inboxSequence > from));
        List<MeshMessage> page = matching.subList(0, Math.min(max, matching.size()));
        List<String> ids = new ArrayList<>();
        for (MeshMessage m : page) {
            ids.add(m.id);
        }
        if (v < 2) {
            return json(200, MeshErrors.JSON, Map.of("messages", ids));
        }
        Map<String, String> query = new LinkedHashMap<>();
        maxParam.filter(x -> Integer.parseInt(x) != DEFAULT_MAX_RESULTS).ifPresent(x -> query.put("max_results", x));
        workflowFilter.ifPresent(f -> query.put("workflow_filter", f));
        String path = "/messageexchange/" + mailbox.id() + "/inbox";
        Map<String, String> links = new LinkedHashMap<>();
        links.put("self", path + queryString(query));
        if (matching.size() > max) {
            query.put("continue_from", InboxCursor.encode(page.get(page.size() - 1).inboxSequence));
            links.put("next", path + queryString(query));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messages", ids);
        body.put("links", links);
        body.put("approx_inbox_count", store.inbox(mailbox.id(), m -> true).size());
        return json(200, MeshErrors.V2_JSON, body);
    }

    private long afterSequence(Mailbox mailbox, int v, String continueFrom) {
        if (v < 2) {
            return store.get(continueFrom)
                    .filter(m -> m.recipient.id().equals(mailbox.id()))
                    .map(m -> m.inboxSequence)
                    .orElse(0L);
        }
        OptionalLong seq = continueFrom.length() < 24 || continueFrom.length() > 1000
                ? OptionalLong.empty()
                : InboxCursor.decode(continueFrom);
        if (seq.isEmpty()) {
            throw MeshErrors.invalid("value_error", "query", "continue_from", "Value error, invalid continue_from");
        }
        return seq.getAsLong();
    }

    private static String queryString(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : query.entrySet()) {
            b.append(b.length() == 0 ? '?' : '&')
                    .append(e.getKey())
                    .append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    private ResponseDefinition download(MeshCall call) {
        Mailbox mailbox = authenticate(call);
        int v = call.apiVersion();
        int n = call.segments().size() == 5 ? MeshOutbox.pathNumber(call.segment(4)) : 1;
        synchronized (store) {
            MeshMessage m = store.get(call.segment(3))
                    .orElseThrow(() -> MeshErrors.refuse(404, v, MeshError.MESSAGE_DOES_NOT_EXIST));
            if (!m.recipient.id().equals(mailbox.id())) {
                throw MeshErrors.refuse(403, v, MeshError.FORBIDDEN);
            }
            if (m.status != Status.ACCEPTED) {
                throw MeshErrors.refuse(410, v, MeshError.MESSAGE_GONE);
            }
            ResponseDefinitionBuilder b = new ResponseDefinitionBuilder();
            if (m.type == MeshMessage.Type.REPORT) {
                MeshViews.downloadHeaders(m, n, Optional.empty()).forEach(b::withHeader);
                return b.withStatus(200).build();
            }
            if (n < 1 || n > m.totalChunks) {
                throw MeshErrors.refuse(404, v, MeshError.MESSAGE_DOES_NOT_EXIST);
            }
            boolean gzip = m.contentEncoding.equals("gzip");
            boolean decode = gzip && !call.acceptsGzip();
            boolean compressNow = gzipOnTheFly && m.contentEncoding.isEmpty() && call.acceptsGzip();
            MeshViews.downloadHeaders(m, n, (gzip && !decode) || compressNow ? Optional.of("gzip") : Optional.empty())
                    .forEach((name, value) -> {
                        if (!compressNow || !name.equals("mex-content-compressed")) {
                            b.withHeader(name, value);
                        }
                    });
            String file = store.bodyFile(m, n, decode);
            String contentType = v >= 2 && m.totalChunks == 1
                    ? m.headers.contentType().map(MeshFake::withCharset).orElse("application/octet-stream")
                    : "application/octet-stream";
            if (compressNow) {
                b.withHeader(FakeResponse.GZIP_BODY, "9"); // length unknown until sent: chunked
                // as mesh-sandbox (inbox.py L198-199): the flag says Y whenever it gzips a download
                b.withHeader("mex-content-compressed", "Y");
            } else {
                b.withHeader("Content-Length", String.valueOf(store.fileSize(file)));
            }
            return b.withStatus(n == m.totalChunks ? 200 : 206)
                    .withHeader("Content-Type", contentType)
                    .withBodyFile(file)
                    .build();
        }
    }

    /** As the public sandbox (Starlette) answers a text type without a charset. */
    private static String withCharset(String contentType) {
        String lower = contentType.toLowerCase(Locale.ROOT);
        return lower.startsWith("text/") && !lower.contains("charset") ? contentType + "; charset=utf-8" : contentType;
    }

    private ResponseDefinition head(MeshCall call) {
        Mailbox mailbox = authenticate(call);
        int v = call.apiVersion();
        synchronized (store) {
            MeshMessage m = store.get(call.segment(3))
                    .orElseThrow(() -> MeshErrors.refuse(404, v, MeshError.MESSAGE_DOES_NOT_EXIST));
            boolean recipient = m.recipient.id().equals(mailbox.id());
            boolean sender = m.sender.map(s -> s.id().equals(mailbox.id())).orElse(false);
            if (!recipient && !sender) {
                throw MeshErrors.refuse(404, v, MeshError.MESSAGE_DOES_NOT_EXIST);
            }
            if (recipient && m.status != Status.ACCEPTED) {
                throw MeshErrors.refuse(410, v, MeshError.MESSAGE_GONE);
            }
            ResponseDefinitionBuilder b = new ResponseDefinitionBuilder().withStatus(200);
            MeshViews.downloadHeaders(m, 1, Optional.ofNullable(m.contentEncoding.isEmpty() ? null : m.contentEncoding))
                    .forEach(b::withHeader);
            return b.build();
        }
    }

    private ResponseDefinition acknowledge(MeshCall call) {
        Mailbox mailbox = authenticate(call);
        int v = call.apiVersion();
        MeshMessage m = store.get(call.segment(3))
                .orElseThrow(() -> MeshErrors.refuse(404, v, MeshError.MESSAGE_DOES_NOT_EXIST));
        if (!m.recipient.id().equals(mailbox.id())) {
            throw MeshErrors.refuse(403, v, MeshError.FORBIDDEN);
        }
        store.acknowledge(m);
        return v >= 2 ? empty(200) : json(200, MeshErrors.JSON, Map.of("messageId", m.id));
    }
}

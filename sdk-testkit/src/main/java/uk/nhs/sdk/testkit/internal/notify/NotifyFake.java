package uk.nhs.sdk.testkit.internal.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.testkit.internal.Fake;
import uk.nhs.sdk.testkit.internal.FakeResponse;
import uk.nhs.sdk.testkit.internal.Json;
import uk.nhs.sdk.testkit.internal.RequestTarget;
import uk.nhs.sdk.testkit.internal.SandboxContext;

/**
 * The NHS Notify API ({@code /comms}): send a message or a batch, get a message's status, list a
 * practice's NHS App accounts, and signed status callbacks.
 *
 * <p>It enforces what the real API does: a bearer token, when one is sent, issued by this sandbox
 * (none is accepted, as on the open sandbox); {@code Content-Type} and {@code Accept} (415, 406);
 * the request schemas, with every problem reported as an {@code errors[]} entry with its JSON
 * pointer (up to 100); NHS number check digits; known routing plans (404); a message or batch
 * reference accepted once only (422 {@code CM_DUPLICATE_REQUEST}); duplicate references within a
 * batch (400 {@code CM_DUPLICATE_VALUE}); at most 45,000 messages and 5,200,000 bytes of body a
 * batch (413); free-text plans' personalisation fields and channel character limits. Ids are
 * KSUIDs. Accepted messages move through their statuses one {@linkplain #statusInterval(Duration)
 * status interval} at a time on the sandbox clock.
 */
public final class NotifyFake implements Fake {
    /** The API's base path on the sandbox. */
    public static final String BASE_PATH = "/comms";
    /** The most bytes a batch request's body may have. */
    public static final int MAX_BATCH_BYTES = 5_200_000;
    /** The status interval unless set. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

    static final String VND = "application/vnd.api+json";
    static final String JSON = "application/json";
    private static final Pattern MESSAGE = Pattern.compile(Pattern.quote(BASE_PATH) + "/v1/messages/([^/]*)");

    private final SandboxContext context;
    private final NotifyStore store = new NotifyStore();
    private final AtomicLong requests = new AtomicLong();
    private NotifyCallbacks callbacks;
    private Duration interval = DEFAULT_INTERVAL;

    /**
     * Creates the fake.
     *
     * @param context the sandbox's shared state (clock, base URL, issued tokens)
     */
    public NotifyFake(SandboxContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public String name() {
        return "notify";
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route("ANY", Pattern.quote(BASE_PATH) + "(/.*)?"));
    }

    @Override
    public synchronized void reset() {
        store.reset();
        stopCallbacks();
        interval = DEFAULT_INTERVAL;
    }

    /** Stops the callback sender: its thread ends and queued callbacks are dropped. */
    @Override
    public synchronized void close() {
        stopCallbacks();
    }

    /**
     * Sends signed callbacks for the status changes of messages accepted from now on.
     *
     * @param url the endpoint
     * @param applicationId the application id the signature is keyed with
     * @param apiKey the API key the signature is keyed with
     * @param xApiKey the value of the {@code x-api-key} header
     * @param duplicated whether each callback is sent twice
     * @param outOfOrder whether the callbacks due together are sent newest first
     */
    public synchronized void sendCallbacks(
            URI url, String applicationId, Secret apiKey, Secret xApiKey, boolean duplicated, boolean outOfOrder) {
        NotifyCallbacks.Target target = new NotifyCallbacks.Target(url, applicationId, apiKey, xApiKey);
        stopCallbacks();
        callbacks = new NotifyCallbacks(target, duplicated, outOfOrder);
    }

    /**
     * Stops sending callbacks; those queued are dropped.
     */
    public synchronized void stopCallbacks() {
        if (callbacks != null) {
            callbacks.stop();
            callbacks = null;
        }
    }

    /**
     * Sets the time between a message's status changes.
     *
     * @param value positive
     */
    public synchronized void statusInterval(Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("the status interval must be positive");
        }
        this.interval = value;
        store.reschedule(value);
    }

    /**
     * Applies the status changes due by the sandbox clock's time and queues their callbacks. The
     * fake also does this after every request it answers.
     *
     * @return how many callback items were queued
     */
    public synchronized int processStatusChanges() {
        if (callbacks == null) {
            return 0;
        }
        List<com.fasterxml.jackson.databind.node.ObjectNode> items =
                store.dueCallbacks(now(), interval, url("/v1/messages"));
        callbacks.deliver(items);
        return items.size();
    }

    /**
     * What became of the callbacks sent since they were last registered.
     *
     * @return accepted (2xx), refused (other statuses), failed (no answer), dropped (queue full)
     */
    public synchronized long[] callbackCounts() {
        return callbacks == null ? new long[4] : callbacks.counts();
    }

    @Override
    public synchronized ResponseDefinition handle(Request request) {
        String requestId = "rrt-" + requests.incrementAndGet() + "-notify-sandbox";
        String correlationId = request.getHeader("X-Correlation-ID");
        String responseType = VND;
        try {
            checkAuthorization(request);
            responseType = responseType(request.getHeader("Accept"));
            return route(request, responseType)
                    .withHeader("X-Correlation-ID", correlation(correlationId))
                    .build();
        } catch (NotifyError e) {
            ResponseDefinitionBuilder b = FakeResponse.json(e.status, responseType, e.body(requestId))
                    .withHeader("X-Correlation-ID", correlation(correlationId));
            e.headers.forEach(b::withHeader);
            return b.build();
        } finally {
            processStatusChanges();
        }
    }

    private static String correlation(String given) {
        return given != null ? given : UUID.randomUUID().toString();
    }

    private ResponseDefinitionBuilder route(Request request, String type) {
        String method = request.getMethod().getName();
        String path = RequestTarget.rawPath(request.getUrl());
        Matcher message = MESSAGE.matcher(path);
        if (path.equals(BASE_PATH + "/v1/messages")) {
            requireMethod(method, "POST");
            return sendOne(request, type);
        }
        if (path.equals(BASE_PATH + "/v1/message-batches")) {
            requireMethod(method, "POST");
            return sendBatch(request, type);
        }
        if (message.matches()) {
            requireMethod(method, "GET");
            String self = url("/v1/messages/" + message.group(1));
            String body = store.view(message.group(1), now(), interval, self).orElseThrow(NotifyError::notFound);
            return FakeResponse.json(200, type, body);
        }
        if (path.equals(BASE_PATH + NhsAppAccounts.PATH)) {
            requireMethod(method, "GET");
            Map<String, String> query = query(request.getUrl());
            return FakeResponse.json(
                    200,
                    type,
                    NhsAppAccounts.page(
                            query.get("ods-organisation-code"), query.get("page"), url(NhsAppAccounts.PATH)));
        }
        throw NotifyError.notFound();
    }

    private static void requireMethod(String method, String allowed) {
        if (!allowed.equals(method)) {
            throw NotifyError.notAllowed();
        }
    }

    private ResponseDefinitionBuilder sendOne(Request request, String type) {
        JsonNode root = body(request);
        List<NotifyError.Entry> errors = NotifyValidator.message(root);
        if (!errors.isEmpty()) {
            throw NotifyError.badRequest(errors);
        }
        JsonNode attributes = root.get("data").get("attributes");
        RoutingPlans.Plan plan = plan(attributes.get("routingPlanId").asText());
        List<NotifyError.Entry> freeText = new ArrayList<>();
        freeText(plan, attributes.get("personalisation"), "/data/attributes/personalisation", freeText);
        if (!freeText.isEmpty()) {
            throw NotifyError.badRequest(freeText);
        }
        NotifyMessage m = store.sendOne(attributes, plan, now(), callbacks != null);
        String self = url("/v1/messages/" + m.id);
        return FakeResponse.json(201, type, NotifyStore.messageCreated(m, self)).withHeader("Location", self);
    }

    private ResponseDefinitionBuilder sendBatch(Request request, String type) {
        JsonNode root = body(request);
        List<NotifyError.Entry> errors = NotifyValidator.batch(root);
        if (!errors.isEmpty()) {
            throw NotifyError.badRequest(errors);
        }
        JsonNode attributes = root.get("data").get("attributes");
        RoutingPlans.Plan plan = plan(attributes.get("routingPlanId").asText());
        List<NotifyError.Entry> freeText = new ArrayList<>();
        JsonNode messages = attributes.get("messages");
        for (int i = 0; i < messages.size() && freeText.size() < 100; i++) {
            freeText(
                    plan,
                    messages.get(i).get("personalisation"),
                    "/data/attributes/messages/" + i + "/personalisation",
                    freeText);
        }
        if (!freeText.isEmpty()) {
            throw NotifyError.badRequest(freeText.subList(0, Math.min(100, freeText.size())));
        }
        Map.Entry<String, List<NotifyMessage>> batch = store.sendBatch(attributes, plan, now(), callbacks != null);
        return FakeResponse.json(
                201,
                type,
                NotifyStore.batchCreated(
                        batch.getKey(), attributes.get("messageBatchReference").asText(), plan, batch.getValue()));
    }

    /** Checks a free-text plan's personalisation: its fields present, strings, within the channel's limit. */
    private static void freeText(
            RoutingPlans.Plan plan, JsonNode personalisation, String at, List<NotifyError.Entry> errors) {
        if (plan.freeTextFields().isEmpty()) {
            return;
        }
        if (personalisation == null || !personalisation.isObject()) {
            errors.add(NotifyError.missing(at));
            return;
        }
        plan.freeTextFields().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(field -> {
                    JsonNode value = personalisation.get(field.getKey());
                    String pointer = at + "/" + field.getKey();
                    if (value == null) {
                        errors.add(NotifyError.missing(pointer));
                    } else if (!value.isTextual()
                            || value.asText().isBlank()
                            || value.asText().codePointCount(0, value.asText().length()) > field.getValue()) {
                        errors.add(NotifyError.invalid(pointer));
                    }
                });
    }

    private static RoutingPlans.Plan plan(String id) {
        RoutingPlans.Plan plan = RoutingPlans.find(id).orElseThrow(NotifyError::noSuchRoutingPlan);
        switch (plan.outcome()) {
            case TOO_EARLY:
                throw NotifyError.tooEarly();
            case INTERNAL_ERROR:
                throw NotifyError.internal();
            case MISSING_TEMPLATES:
                throw NotifyError.internal(
                        "CM_MISSING_ROUTING_PLAN_TEMPLATE",
                        "Templates missing",
                        "The templates required to use the routing plan were not found.");
            case DUPLICATE_TEMPLATES:
                throw NotifyError.internal(
                        "CM_ROUTING_PLAN_DUPLICATE_TEMPLATES",
                        "Duplicate templates",
                        "The routing plan specified contains duplicate templates.");
            case INVALID_CONFIG:
                throw NotifyError.badRequest(List.of(NotifyError.invalid("/data/attributes/routingPlanId")));
            default:
                return plan;
        }
    }

    /** The body of a POST: its media type and size checked, then parsed. */
    private static JsonNode body(Request request) {
        checkContentType(request.getHeader("Content-Type"));
        byte[] bytes = request.getBody();
        if (RequestTarget.rawPath(request.getUrl()).endsWith("/message-batches") && bytes.length > MAX_BATCH_BYTES) {
            throw NotifyError.tooLarge();
        }
        try {
            JsonNode root = Json.tree(bytes);
            if (root != null && !root.isMissingNode()) {
                return root;
            }
        } catch (IOException e) {
            // answered below
        }
        throw NotifyError.badRequest(List.of(NotifyError.invalid("/")));
    }

    private void checkAuthorization(Request request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && !context.accessTokens().isValidBearer(authorization)) {
            throw NotifyError.denied();
        }
    }

    /**
     * The response's media type from {@code Accept}: absent, {@code *}{@code /*} and
     * {@code application/vnd.api+json} give JSON:API's, {@code application/json} gives that.
     */
    static String responseType(String accept) {
        if (accept == null || accept.isBlank()) {
            return VND;
        }
        for (String part : accept.split(",")) {
            String[] params = part.split(";");
            String media = params[0].strip().toLowerCase(Locale.ROOT);
            if (media.equals("*/*") || media.equals(VND) || media.equals(JSON)) {
                if (!charsetIsUtf8(params)) {
                    throw NotifyError.unsupportedMedia();
                }
                return media.equals(JSON) ? JSON : VND;
            }
        }
        throw NotifyError.notAcceptable();
    }

    /** A request's {@code Content-Type}: JSON or JSON:API (415 otherwise), charset UTF-8 if any (406 otherwise). */
    static void checkContentType(String contentType) {
        if (contentType == null) {
            throw NotifyError.unsupportedMedia();
        }
        String[] params = contentType.split(";");
        String media = params[0].strip().toLowerCase(Locale.ROOT);
        if (!media.equals(VND) && !media.equals(JSON)) {
            throw NotifyError.unsupportedMedia();
        }
        if (!charsetIsUtf8(params)) {
            throw NotifyError.notAcceptable();
        }
    }

    private static boolean charsetIsUtf8(String[] params) {
        for (int i = 1; i < params.length; i++) {
            String p = params[i].strip().toLowerCase(Locale.ROOT);
            if (p.startsWith("charset=") && !p.substring(8).replace("\"", "").equals("utf-8")) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> query(String url) {
        Map<String, String> out = new java.util.HashMap<>();
        for (String pair : RequestTarget.rawQuery(url).split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                out.putIfAbsent(k, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private String url(String path) {
        return context.baseUrl() + BASE_PATH + path;
    }

    private Instant now() {
        return context.clock().instant();
    }

    /**
     * How many messages the fake holds.
     *
     * @return the count
     */
    public synchronized int messageCount() {
        return store.size();
    }

    /**
     * How many messages the fake holds for each message reference.
     *
     * @return an unmodifiable map from reference to count
     */
    public synchronized Map<String, Integer> messageCountsByReference() {
        return Map.copyOf(store.countsByReference());
    }
}

package uk.nhs.sdk.testkit.internal.nrl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.nhs.sdk.testkit.internal.Fake;
import uk.nhs.sdk.testkit.internal.FakeResponse;
import uk.nhs.sdk.testkit.internal.Json;
import uk.nhs.sdk.testkit.internal.RequestTarget;
import uk.nhs.sdk.testkit.internal.SandboxContext;

/**
 * The National Record Locator v3 ({@code /record-locator/consumer/FHIR/R4} and
 * {@code /record-locator/producer/FHIR/R4}) over one store of pointers seeded from the specs'
 * examples, with the sandbox proxy's pointer types per ODS code (RJ11, Y05868, 8J008, RY26A,
 * RM559; patient 9000000017 has a pointer from each).
 *
 * <p>It enforces what the proxies and the specs say: a bearer token, when sent, issued by this
 * sandbox (none is accepted, as on the open sandbox); a UUID {@code X-Request-ID} (400
 * {@code MISSING_OR_INVALID_HEADER}) mirrored back with {@code X-Correlation-ID}; the
 * {@code NHSD-End-User-Organisation-ODS} header (400 {@code PRECONDITION_FAILED}) naming an ODS
 * code with pointer types (403 {@code ACCESS_DENIED} otherwise). Consumers see only the types their
 * ODS code was granted; reading a pointer another organisation holds is refused with the consumer
 * spec's own example (403 {@code VALIDATION_ERROR}). Producers write only pointers of their own
 * ODS code and granted types, checked against the producer spec's rules; a create with
 * {@code relatesTo} {@code replaces} deletes the pointers it supersedes; an update may not change
 * id, subject, custodian, type, masterIdentifier or date. A write resent with the same
 * {@code X-Request-ID} is answered as the first time without being applied again.
 */
public final class NrlFake implements Fake {
    /** The base path of both APIs on the sandbox. */
    public static final String BASE_PATH = "/record-locator";

    private static final String FHIR_JSON = "application/fhir+json;version=1";
    private static final Pattern PATH =
            Pattern.compile(Pattern.quote(BASE_PATH) + "/(consumer|producer)/FHIR/R4/DocumentReference(?:/([^/]*))?");
    private static final Pattern REQUEST_ID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final Pattern SUBJECT = Pattern.compile("https://fhir\\.nhs\\.uk/Id/nhs-number\\|(\\d+)");
    private static final Pattern CUSTODIAN =
            Pattern.compile("https://fhir\\.nhs\\.uk/Id/ods-organization-code\\|(\\w+)");
    private static final Set<String> SEARCH_PARAMS =
            Set.of("subject:identifier", "custodian:identifier", "type", "category", "_summary");

    private final SandboxContext context;
    private final NrlStore store = new NrlStore();
    private final Map<String, Answer> writes = new HashMap<>();

    /** A write's answer, kept to answer a resend with the same X-Request-ID. */
    private record Answer(int status, String body, String location) {}

    /**
     * Creates the fake.
     *
     * @param context the sandbox's shared state (clock, base URL, issued tokens)
     */
    public NrlFake(SandboxContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "nrl";
    }

    @Override
    public List<Route> routes() {
        return List.of(
                new Route("ANY", Pattern.quote(BASE_PATH) + "/(consumer|producer)/FHIR/R4/DocumentReference(/.*)?"));
    }

    @Override
    public synchronized void reset() {
        store.reset();
        writes.clear();
    }

    @Override
    public synchronized ResponseDefinition handle(Request request) {
        String method = request.getMethod().getName();
        Matcher m = PATH.matcher(RequestTarget.rawPath(request.getUrl()));
        try {
            if (!m.matches()) {
                throw NrlError.badRequest("Unsupported request path");
            }
            String ods = checkHeaders(request);
            boolean producer = m.group(1).equals("producer");
            String id = m.group(2);
            if (id == null && "GET".equals(method)) {
                return search(request, ods, query(request.getUrl()), producer);
            }
            if ("_search".equals(id) && "POST".equals(method)) {
                return search(request, ods, body(request), producer);
            }
            if (id == null && "POST".equals(method) && producer) {
                return write(request, () -> create(request, ods));
            }
            if (id != null && !ID.matcher(id).matches()) {
                throw NrlError.badRequest("Invalid DocumentReference id");
            }
            if (id != null && "GET".equals(method)) {
                return answer(request, 200, Json.write(read(id, ods, producer))).build();
            }
            if (id != null && "PUT".equals(method) && producer) {
                return write(request, () -> update(request, id, ods));
            }
            if (id != null && "DELETE".equals(method) && producer) {
                return write(request, () -> delete(id, ods));
            }
            throw new NrlError(
                    405, "not-supported", "BAD_REQUEST", "Bad request", method + " is not supported on this path");
        } catch (NrlError e) {
            return answer(request, e.status, e.body()).build();
        }
    }

    private String checkHeaders(Request request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && !context.accessTokens().isValidBearer(authorization)) {
            throw new NrlError(401, "forbidden", "ACCESS_DENIED", "Access Denied", "Invalid access token");
        }
        String requestId = request.getHeader("X-Request-ID");
        if (requestId == null || !REQUEST_ID.matcher(requestId).matches()) {
            throw new NrlError(
                    400,
                    "value",
                    "MISSING_OR_INVALID_HEADER",
                    "There is a required header that is " + "missing or invalid",
                    "The X-Request-Id header is missing or invalid");
        }
        String ods = request.getHeader("NHSD-End-User-Organisation-ODS");
        if (ods == null || ods.isBlank()) {
            throw new NrlError(
                    400,
                    "value",
                    "PRECONDITION_FAILED",
                    "Precondition failed",
                    "The NHSD-End-User-Organisation-ODS header is missing or invalid");
        }
        String code = ods.strip().toUpperCase(Locale.ROOT);
        if (NrlStore.typesFor(code).isEmpty()) {
            throw NrlError.forbidden("Provided ODS code has no pointers within requesting app");
        }
        return code;
    }

    private ResponseDefinition search(Request request, String ods, Map<String, String> params, boolean producer) {
        for (String name : params.keySet()) {
            if (!SEARCH_PARAMS.contains(name) || (producer && name.equals("custodian:identifier"))) {
                throw NrlError.invalidParameter("Invalid query parameter");
            }
        }
        Matcher subject = SUBJECT.matcher(params.getOrDefault("subject:identifier", ""));
        if (!subject.matches()) {
            throw NrlError.invalidParameter("Invalid query parameter");
        }
        if (!uk.nhs.sdk.core.NhsNumber.isValid(subject.group(1))) {
            throw new NrlError(
                    400,
                    "value",
                    "INVALID_NHS_NUMBER",
                    "Invalid NHS number",
                    "The provided subject identifier value is not a valid NHS number");
        }
        String custodian = null;
        if (params.containsKey("custodian:identifier")) {
            Matcher c = CUSTODIAN.matcher(params.get("custodian:identifier"));
            if (!c.matches()) {
                throw NrlError.invalidParameter("Invalid query parameter");
            }
            custodian = c.group(1).toUpperCase(Locale.ROOT);
        }
        boolean count = params.containsKey("_summary");
        if (count && !"count".equals(params.get("_summary"))) {
            throw NrlError.invalidParameter("Invalid query parameter");
        }
        Set<String> types = tokens(params.get("type"));
        Set<String> categories = tokens(params.get("category"));
        ObjectNode bundle = Json.object();
        bundle.put("resourceType", "Bundle");
        bundle.put("type", "searchset");
        ArrayNode entries = Json.array();
        for (ObjectNode p : store.all()) {
            boolean visible = NrlStore.typesFor(ods).contains(NrlStore.typeCode(p))
                    && (!producer || NrlStore.custodian(p).equalsIgnoreCase(ods));
            if (visible
                    && NrlStore.subject(p).equals(subject.group(1))
                    && (types.isEmpty() || types.contains(NrlStore.typeToken(p)))
                    && (categories.isEmpty()
                            || NrlStore.categoryTokens(p).stream().anyMatch(categories::contains))
                    && (custodian == null || NrlStore.custodian(p).equalsIgnoreCase(custodian))) {
                entries.addObject().set("resource", p);
            }
        }
        bundle.put("total", entries.size());
        if (!count) {
            bundle.set("entry", entries);
        }
        bundle.putArray("link")
                .addObject()
                .put("relation", "self")
                .put("url", context.baseUrl() + RequestTarget.rawPath(request.getUrl()));
        return answer(request, 200, Json.write(bundle)).build();
    }

    private static Set<String> tokens(String value) {
        Set<String> out = new java.util.LinkedHashSet<>();
        if (value != null) {
            for (String t : value.split(",")) {
                if (!t.isBlank()) {
                    out.add(t.strip());
                }
            }
        }
        return out;
    }

    private ObjectNode read(String id, String ods, boolean producer) {
        ObjectNode p = store.get(id).orElseThrow(NrlError::notFound);
        if (!NrlStore.custodian(p).equalsIgnoreCase(ods)) {
            if (producer) {
                throw new NrlError(
                        403,
                        "forbidden",
                        "AUTHOR_CREDENTIALS_ERROR",
                        "Author credentials error",
                        "The requested document pointer cannot be read because it belongs to another organisation");
            }
            throw new NrlError(
                    403,
                    "value",
                    "VALIDATION_ERROR",
                    "A parameter or value has resulted in a validation error",
                    "The requested document pointer cannot be read because it belongs to another organisation",
                    "https://fhir.nhs.uk/STU3/CodeSystem/Spine-ErrorOrWarningCode-1");
        }
        if (!NrlStore.typesFor(ods).contains(NrlStore.typeCode(p))) {
            throw NrlError.notFound();
        }
        return p;
    }

    private Answer create(Request request, String ods) {
        ObjectNode p = fhirBody(request);
        NrlPointerRules.check(p, ods);
        List<String> replaced = new java.util.ArrayList<>();
        for (JsonNode r : p.path("relatesTo")) {
            if (!"replaces".equals(r.path("code").asText())) {
                continue;
            }
            String target = r.path("target").path("identifier").path("value").asText("");
            ObjectNode old = store.get(target)
                    .orElseThrow(() -> new NrlError(
                            422,
                            "invalid",
                            "UNPROCESSABLE_ENTITY",
                            "Unprocessable Entity",
                            "The relatesTo target document does not exist"));
            if (!NrlStore.custodian(old).equalsIgnoreCase(ods)) {
                throw NrlError.forbidden("The relatesTo target document belongs to another organisation");
            }
            if (!NrlStore.subject(old).equals(NrlStore.subject(p))
                    || !NrlStore.typeToken(old).equals(NrlStore.typeToken(p))) {
                throw new NrlError(
                        422,
                        "invalid",
                        "UNPROCESSABLE_ENTITY",
                        "Unprocessable Entity",
                        "The relatesTo target document does not match the subject and type of the new document");
            }
            replaced.add(target);
        }
        String id = ods + "-" + UUID.randomUUID();
        p.put("id", id);
        p.put("date", context.clock().instant().toString());
        store.put(id, p);
        replaced.forEach(store::remove);
        return new Answer(
                201,
                NrlError.outcome(
                        "information",
                        "informational",
                        "https://fhir.nhs.uk/CodeSystem/NRLF-ResponseCode",
                        "RESOURCE_CREATED",
                        "Resource created",
                        "The document has been created"),
                context.baseUrl() + BASE_PATH + "/producer/FHIR/R4/DocumentReference/" + id);
    }

    private Answer update(Request request, String id, String ods) {
        ObjectNode stored = store.get(id).orElseThrow(NrlError::notFound);
        if (!NrlStore.custodian(stored).equalsIgnoreCase(ods)) {
            throw NrlError.forbidden(
                    "The requested document pointer cannot be updated because it belongs to another " + "organisation");
        }
        ObjectNode p = fhirBody(request);
        if (!id.equals(p.path("id").asText())) {
            throw NrlError.badRequest("The id in the request body does not match the id in the path");
        }
        NrlPointerRules.check(p, ods);
        for (String field : NrlPointerRules.IMMUTABLE) {
            boolean changed = field.equals("date") || field.equals("masterIdentifier")
                    ? p.has(field) && !p.get(field).equals(stored.path(field))
                    : !p.path(field).equals(stored.path(field));
            if (changed
                    && !(field.equals("type") && NrlStore.typeToken(p).equals(NrlStore.typeToken(stored)))
                    && !(field.equals("subject") && NrlStore.subject(p).equals(NrlStore.subject(stored)))
                    && !(field.equals("custodian") && NrlStore.custodian(p).equals(NrlStore.custodian(stored)))) {
                throw NrlError.badRequest("The field '" + field + "' is immutable and cannot be updated");
            }
        }
        for (String kept : List.of("date", "masterIdentifier")) {
            if (stored.has(kept)) {
                p.set(kept, stored.get(kept));
            }
        }
        store.put(id, p);
        return new Answer(
                200,
                NrlError.outcome(
                        "information",
                        "informational",
                        "https://fhir.nhs.uk/CodeSystem/NRLF-SuccessCode",
                        "RESOURCE_UPDATED",
                        "Resource updated",
                        "Resource updated"),
                null);
    }

    private Answer delete(String id, String ods) {
        ObjectNode stored = store.get(id).orElseThrow(NrlError::notFound);
        if (!NrlStore.custodian(stored).equalsIgnoreCase(ods)) {
            throw NrlError.forbidden(
                    "The requested document pointer cannot be deleted because it belongs to another " + "organisation");
        }
        store.remove(id);
        return new Answer(
                200,
                NrlError.outcome(
                        "information",
                        "informational",
                        "https://fhir.nhs.uk/CodeSystem/NRLF-SuccessCode",
                        "RESOURCE_REMOVED",
                        "Resource removed",
                        "Resource removed"),
                null);
    }

    /** Runs a write once per X-Request-ID: a resend gets the first answer and changes nothing. */
    private ResponseDefinition write(Request request, java.util.function.Supplier<Answer> apply) {
        String key = request.getHeader("X-Request-ID");
        Answer a = writes.get(key);
        if (a == null) {
            a = apply.get();
            writes.put(key, a);
        }
        ResponseDefinitionBuilder b = answer(request, a.status(), a.body());
        if (a.location() != null) {
            b.withHeader("Location", a.location());
        }
        return b.build();
    }

    private static ObjectNode fhirBody(Request request) {
        String type = String.valueOf(request.getHeader("Content-Type")).toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/fhir+json")) {
            throw NrlError.badRequest("The Content-Type must be " + FHIR_JSON);
        }
        JsonNode body = parse(request);
        if (!body.isObject()) {
            throw NrlError.notWellFormed();
        }
        return (ObjectNode) body;
    }

    private static JsonNode parse(Request request) {
        try {
            JsonNode node = Json.tree(request.getBody());
            if (node == null) {
                throw NrlError.notWellFormed();
            }
            return node;
        } catch (IOException e) {
            throw NrlError.notWellFormed();
        }
    }

    private static Map<String, String> body(Request request) {
        JsonNode body = parse(request);
        if (!body.isObject()) {
            throw NrlError.notWellFormed();
        }
        Map<String, String> out = new LinkedHashMap<>();
        body.properties().forEach(e -> {
            if (!e.getValue().isTextual()) {
                throw NrlError.invalidParameter("Invalid query parameter");
            }
            out.put(e.getKey(), e.getValue().asText());
        });
        return out;
    }

    private static Map<String, String> query(String url) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : RequestTarget.rawQuery(url).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (out.put(k, v) != null) {
                throw NrlError.invalidParameter("Invalid query parameter");
            }
        }
        return out;
    }

    private static ResponseDefinitionBuilder answer(Request request, int status, String body) {
        ResponseDefinitionBuilder b = FakeResponse.json(status, FHIR_JSON, body);
        String requestId = request.getHeader("X-Request-ID");
        if (requestId != null) {
            b.withHeader("X-Request-Id", requestId);
        }
        String correlationId = request.getHeader("X-Correlation-ID");
        if (correlationId != null) {
            b.withHeader("X-Correlation-Id", correlationId);
        }
        return b;
    }
}

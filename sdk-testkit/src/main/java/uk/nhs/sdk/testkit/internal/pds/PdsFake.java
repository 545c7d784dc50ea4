package uk.nhs.sdk.testkit.internal.pds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.testkit.internal.AccessMode;
import uk.nhs.sdk.testkit.internal.Fake;
import uk.nhs.sdk.testkit.internal.FakeResponse;
import uk.nhs.sdk.testkit.internal.Json;
import uk.nhs.sdk.testkit.internal.RequestTarget;
import uk.nhs.sdk.testkit.internal.SandboxContext;

/**
 * The Personal Demographics Service FHIR API ({@code /personal-demographics/FHIR/R4}): retrieve,
 * search, update and related people over records seeded from the PDS sandbox's own stubs
 * (9000000009 full, 9000000017, 9000000025 restricted, 9000000033 minimal; 9111231130 and any
 * other valid number not found; 9000000000 and any invalid number refused; 9000000041 superseded
 * by 9000000009).
 *
 * <p>It enforces what the real API does: a UUID {@code X-Request-ID} on every request (mirrored
 * back with {@code X-Correlation-ID}); a bearer token, when one is sent, issued by this sandbox
 * (none is accepted, as on the open sandbox); {@code If-Match: W/"n"} on PATCH (412 when missing
 * or malformed, 409 when stale) with {@code application/json-patch+json}; versions bumped on
 * every update; an update resent with the same {@code X-Request-ID} answered as the first time
 * without being applied again; restricted records redacted; searches answered from the records
 * by PDS's matching rules, including {@code TOO_MANY_MATCHES}.
 *
 * <p>It models PDS's access modes from the bearer token ({@link PdsAccess}): a token from the
 * sandbox's signed-JWT flow is application-restricted (no updates, one search result), one from a
 * CIS2 sign-in is a healthcare worker's, one from an NHS login sign-in a patient's (their own
 * record only). A request with no token gets full access, as on the open PDS sandbox.
 */
public final class PdsFake implements Fake {
    /** The API's base path on the sandbox. */
    public static final String BASE_PATH = "/personal-demographics/FHIR/R4";

    private static final String FHIR_JSON = "application/fhir+json";
    private static final Pattern REQUEST_ID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern IF_MATCH = Pattern.compile("W/\"([0-9]+)\"");
    private static final Pattern PATIENT = Pattern.compile(Pattern.quote(BASE_PATH) + "/Patient/([^/]+)");
    private static final Pattern RELATED = Pattern.compile(Pattern.quote(BASE_PATH) + "/Patient/([^/]+)/RelatedPerson");

    private final SandboxContext context;
    private final PdsRecords records = new PdsRecords();
    private final SecureRandom random = new SecureRandom();
    private final PdsPatch patcher = new PdsPatch(this::newId);
    private final Map<UpdateKey, Stored> updates = new HashMap<>();

    /** A successful update's answer, kept to answer a resend with the same request id. */
    private record Stored(String body, long version) {}

    /** What identifies a resend: the same X-Request-ID to the same NHS number. */
    private record UpdateKey(String nhsNumber, String requestId) {}

    /**
     * Creates the fake.
     *
     * @param context the sandbox's shared state (clock, base URL, issued tokens)
     */
    public PdsFake(SandboxContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "pds";
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route("ANY", Pattern.quote(BASE_PATH) + "/Patient(/.*)?"));
    }

    @Override
    public synchronized void reset() {
        records.reset();
        updates.clear();
    }

    @Override
    public synchronized ResponseDefinition handle(Request request) {
        String method = request.getMethod().getName();
        String path = RequestTarget.rawPath(request.getUrl());
        try {
            Optional<AccessMode> mode = checkHeaders(request);
            Matcher related = RELATED.matcher(path);
            Matcher patient = PATIENT.matcher(path);
            if ("GET".equals(method) && path.equals(BASE_PATH + "/Patient")) {
                Map<String, List<String>> query = query(request.getUrl());
                PdsAccess.check(mode, method, Optional.empty(), query);
                return search(request, query);
            }
            if ("GET".equals(method) && related.matches()) {
                PdsAccess.check(mode, method, Optional.of(related.group(1)), Map.of());
                return related(request, related.group(1));
            }
            if ("GET".equals(method) && patient.matches()) {
                PdsAccess.check(mode, method, Optional.of(patient.group(1)), Map.of());
                return retrieve(request, patient.group(1));
            }
            if ("PATCH".equals(method) && patient.matches()) {
                PdsAccess.check(mode, method, Optional.of(patient.group(1)), Map.of());
                return update(request, patient.group(1), mode);
            }
            throw PdsError.badRequest(
                    "UNSUPPORTED_SERVICE",
                    "Unsupported request - '" + method + "' is not supported by the embedded sandbox on this path");
        } catch (PdsError e) {
            return answer(request, e.status, e.body()).build();
        }
    }

    /** Checks the headers; the token's access mode, empty when no token was sent. */
    private Optional<AccessMode> checkHeaders(Request request) {
        String requestId = request.getHeader("X-Request-ID");
        if (requestId == null || requestId.isEmpty()) {
            throw PdsError.badRequest(
                    "MISSING_VALUE",
                    "Invalid request with error - X-Request-ID header must be supplied to access this resource");
        }
        if (!REQUEST_ID.matcher(requestId).matches()) {
            throw PdsError.badRequest("INVALID_VALUE", "Invalid value - '" + requestId + "' in header 'X-Request-ID'");
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null) {
            if (authorization.isBlank()) {
                throw new PdsError(401, "ACCESS_DENIED", "Empty Authorization header");
            }
            if (!authorization.startsWith("Bearer ")) {
                throw new PdsError(
                        401,
                        "ACCESS_DENIED",
                        "Invalid token type '" + authorization.split(" ")[0] + "', must be 'Bearer'");
            }
        }
        Optional<AccessMode> mode = context.accessTokens().modeOfBearer(authorization);
        if (authorization != null && mode.isEmpty()) {
            throw new PdsError(401, "ACCESS_DENIED", "Invalid Access Token");
        }
        String urid = request.getHeader("NHSD-Session-URID");
        if (urid != null && !urid.matches("[0-9]+")) {
            throw PdsError.badRequest(
                    "INVALID_VALUE",
                    "Invalid value - '" + urid
                            + "' in header 'NHSD-Session-URID'. Refer to the guidance for this header in our API Specification "
                            + "https://digital.nhs.uk/developer/api-catalogue/personal-demographics-service-fhir");
        }
        return mode;
    }

    private static String validNumber(String id) {
        if (!id.matches("[0-9]{10}") || !NhsNumber.isValid(id)) {
            throw PdsError.badRequest("INVALID_RESOURCE_ID", null);
        }
        return id;
    }

    private ResponseDefinition retrieve(Request request, String id) {
        String wanted = records.resolve(validNumber(id));
        ObjectNode p = records.patient(wanted).orElseThrow(() -> new PdsError(404, "RESOURCE_NOT_FOUND", null));
        return answer(request, 200, Json.write(PdsRecords.retrieveView(p)))
                .withHeader("ETag", etag(PdsRecords.version(p)))
                .build();
    }

    private ResponseDefinition update(Request request, String id, Optional<AccessMode> mode) {
        UpdateKey key = new UpdateKey(id, request.getHeader("X-Request-ID"));
        Stored done = updates.get(key);
        if (done != null) {
            return answer(request, 200, done.body())
                    .withHeader("ETag", etag(done.version()))
                    .build();
        }
        validNumber(id);
        if (records.isSuperseded(id)) {
            throw new PdsError(
                    403,
                    "FORBIDDEN_UPDATE",
                    "Forbidden update with error - Update Failed - NHS No. supplied has been superseded in a merge");
        }
        ObjectNode current = records.patient(id).orElseThrow(() -> new PdsError(404, "RESOURCE_NOT_FOUND", null));
        String contentType =
                Optional.ofNullable(request.getHeader("Content-Type")).orElse("");
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("application/json-patch+json")) {
            throw PdsError.badRequest(
                    "INVALID_VALUE", "Invalid value - '" + contentType + "' in header 'Content-Type'");
        }
        String ifMatch = request.getHeader("If-Match");
        if (ifMatch == null) {
            throw new PdsError(
                    412,
                    "PRECONDITION_FAILED",
                    "Invalid request with error - If-Match header must be supplied to update this resource");
        }
        Matcher m = IF_MATCH.matcher(ifMatch.strip());
        if (!m.matches()) {
            throw new PdsError(
                    412,
                    "PRECONDITION_FAILED",
                    "Invalid request with error - If-Match header must be in the form W/\"<version>\"");
        }
        long version = PdsRecords.version(current);
        if (Long.parseLong(m.group(1)) != version) {
            throw new PdsError(409, "RESOURCE_VERSION_MISMATCH", null);
        }
        JsonNode body;
        try {
            body = Json.tree(request.getBodyAsString());
        } catch (IOException e) {
            throw PdsError.badRequest("INVALID_UPDATE", "Invalid patch - the body is not JSON");
        }
        List<String> paths = new ArrayList<>();
        body.path("patches").forEach(op -> paths.add(op.path("path").asText("")));
        PdsAccess.checkPatientPatch(mode, paths);
        ObjectNode updated = patcher.apply(current, body);
        PdsRecords.version(updated, version + 1);
        records.store(id, updated);
        String answer = Json.write(PdsRecords.retrieveView(updated));
        updates.put(key, new Stored(answer, version + 1));
        return answer(request, 200, answer)
                .withHeader("ETag", etag(version + 1))
                .build();
    }

    private ResponseDefinition related(Request request, String id) {
        String wanted = records.resolve(validNumber(id));
        ObjectNode p = records.patient(wanted).orElseThrow(() -> new PdsError(404, "RESOURCE_NOT_FOUND", null));
        ObjectNode bundle = Json.object();
        bundle.put("resourceType", "Bundle");
        bundle.put("type", "searchset");
        bundle.put("timestamp", context.clock().instant().toString());
        if (PdsRecords.isRestricted(p)) {
            bundle.put("total", 0);
            return answer(request, 200, Json.write(bundle)).build();
        }
        ObjectNode seeded =
                records.relatedPeople(wanted).orElseThrow(() -> new PdsError(404, "RESOURCE_NOT_FOUND", null));
        ArrayNode entries = bundle.putArray("entry");
        for (JsonNode e : seeded.path("entry")) {
            ObjectNode entry = entries.addObject();
            JsonNode resource = e.path("resource");
            entry.put(
                    "fullUrl",
                    baseUrl() + "/Patient/" + wanted + "/RelatedPerson/"
                            + resource.path("id").asText(""));
            entry.set("resource", resource.deepCopy());
        }
        bundle.put("total", entries.size());
        return answer(request, 200, Json.write(bundle)).build();
    }

    private ResponseDefinition search(Request request, Map<String, List<String>> query) {
        PdsSearch.Result result = PdsSearch.search(query, records.allPatients());
        if (result.tooMany()) {
            return answer(request, 200, new PdsError(200, "TOO_MANY_MATCHES", null).body())
                    .build();
        }
        ObjectNode bundle = Json.object();
        bundle.put("resourceType", "Bundle");
        bundle.put("type", "searchset");
        bundle.put("timestamp", context.clock().instant().toString());
        bundle.put("total", result.matches().size());
        if (!result.matches().isEmpty()) {
            ArrayNode entries = bundle.putArray("entry");
            for (PdsSearch.Match m : result.matches()) {
                ObjectNode entry = entries.addObject();
                entry.put(
                        "fullUrl",
                        baseUrl() + "/Patient/" + m.patient().path("id").asText(""));
                entry.putObject("search").put("score", m.score());
                entry.set("resource", PdsRecords.searchView(m.patient()));
            }
        }
        return answer(request, 200, Json.write(bundle)).build();
    }

    private static Map<String, List<String>> query(String url) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String raw = RequestTarget.rawQuery(url);
        if (raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    private String baseUrl() {
        return context.baseUrl() + BASE_PATH;
    }

    private static String etag(long version) {
        return "W/\"" + version + "\"";
    }

    private String newId() {
        return String.format("%08X", random.nextInt());
    }

    private static ResponseDefinitionBuilder answer(Request request, int status, String body) {
        ResponseDefinitionBuilder b = FakeResponse.json(status, FHIR_JSON, body);
        String requestId = request.getHeader("X-Request-ID");
        if (requestId != null) {
            b.withHeader("X-Request-ID", requestId);
        }
        String correlationId = request.getHeader("X-Correlation-ID");
        if (correlationId != null) {
            b.withHeader("X-Correlation-ID", correlationId);
        }
        return b;
    }
}

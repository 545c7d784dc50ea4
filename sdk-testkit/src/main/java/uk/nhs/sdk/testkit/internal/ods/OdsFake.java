package uk.nhs.sdk.testkit.internal.ods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.testkit.internal.Fake;
import uk.nhs.sdk.testkit.internal.FakeResponse;
import uk.nhs.sdk.testkit.internal.Json;
import uk.nhs.sdk.testkit.internal.RequestTarget;
import uk.nhs.sdk.testkit.internal.SandboxContext;
import uk.nhs.sdk.testkit.internal.oauth.TokenFake;

/**
 * The ODS FHIR R4 API ({@code /organisation-data-terminology-api/fhir}): {@code GET
 * /Organization/{id}}, {@code GET /Organization} with the specification's filters (name prefix,
 * contains and exact; postcode, city and country; {@code roleCode} with comma for OR and repeats
 * for AND, {@code roleCode:not}, {@code activeRoleCode}; {@code active}; {@code lastChangeDate}
 * with {@code gt}/{@code lt}/{@code eq}; {@code _count} (default 20, over 1,000 refused as too
 * costly with 422), {@code _offset}, {@code _summary=count}) and {@code next} links,
 * {@code GET /OrganizationAffiliation} by primary or participating organisation, and the four
 * deletion Lists. Errors are HAPI's: 404 {@code HAPI-2001}, 400 {@code HAPI-0524} and
 * {@code HAPI-1940}, 405 {@code HAPI-0427}.
 *
 * <p>It requires an {@code apikey} header holding the API key of an application registered with
 * the sandbox (401 otherwise), as the live API does; the public sandbox does not.
 */
public final class OdsFake implements Fake {
    /** The API's base path on the sandbox. */
    public static final String BASE_PATH = "/organisation-data-terminology-api/fhir";
    /** How many generated organisations the fake holds after a reset. */
    public static final int DEFAULT_GENERATED = 250;

    private static final String FHIR_JSON = "application/fhir+json";
    private static final Pattern ORGANIZATION = Pattern.compile(Pattern.quote(BASE_PATH) + "/Organization/([^/]+)");
    private static final Pattern LIST = Pattern.compile(Pattern.quote(BASE_PATH) + "/List/([^/]+)");
    private static final Set<String> LISTS = Set.of(
            "Organization-deletion",
            "OrganizationAffiliation-deletion",
            "Organization-role-deletion",
            "Organization-succession-deletion");

    private final SandboxContext context;
    private final OdsStore store = new OdsStore();

    /**
     * Creates the fake.
     *
     * @param context the sandbox's shared state (clock, base URL, registered applications)
     */
    public OdsFake(SandboxContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "ods";
    }

    @Override
    public List<Route> routes() {
        return List.of(
                new Route("ANY", Pattern.quote(BASE_PATH) + "/(Organization|OrganizationAffiliation|List)(/.*)?"));
    }

    @Override
    public synchronized void reset() {
        store.reset(DEFAULT_GENERATED);
    }

    @Override
    public synchronized ResponseDefinition handle(Request request) {
        String method = request.getMethod().getName();
        String path = RequestTarget.rawPath(request.getUrl());
        try {
            String key = request.getHeader("apikey");
            if (key == null || !TokenFake.applications(context).isKnown(key)) {
                throw OdsError.accessDenied();
            }
            if (!"GET".equals(method)) {
                throw OdsError.methodNotAllowed(method);
            }
            List<Map.Entry<String, String>> query = OdsQuery.parse(request.getUrl());
            if (path.equals(BASE_PATH + "/Organization")) {
                return search(query);
            }
            if (path.equals(BASE_PATH + "/OrganizationAffiliation")) {
                return affiliations(query);
            }
            Matcher org = ORGANIZATION.matcher(path);
            if (org.matches()) {
                OdsRecord r = store.get(org.group(1).toUpperCase(java.util.Locale.ROOT));
                if (r == null) {
                    throw OdsError.notKnown("Organization", org.group(1));
                }
                return ok(r.json());
            }
            Matcher list = LIST.matcher(path);
            if (list.matches()) {
                return list(list.group(1));
            }
            throw OdsError.notKnown("Resource", path.substring(BASE_PATH.length() + 1));
        } catch (OdsError e) {
            return FakeResponse.json(e.status, FHIR_JSON, e.body()).build();
        }
    }

    private ResponseDefinition search(List<Map.Entry<String, String>> query) {
        Predicate<OdsRecord> filter = OdsQuery.organisationFilter(query);
        List<Resource> matches = new ArrayList<>();
        for (OdsRecord r : store.all()) {
            if (filter.test(r)) {
                matches.add(new Resource(r.code(), r.json()));
            }
        }
        return bundle("Organization", query, matches);
    }

    private ResponseDefinition affiliations(List<Map.Entry<String, String>> query) {
        Predicate<JsonNode> filter = a -> true;
        for (Map.Entry<String, String> q : query) {
            String v = q.getValue();
            switch (q.getKey()) {
                case "primary-organization":
                    filter = filter.and(a -> v.equalsIgnoreCase(a.path("organization")
                            .path("identifier")
                            .path("value")
                            .asText()));
                    break;
                case "participating-organization":
                    filter = filter.and(a -> v.equalsIgnoreCase(a.path("participatingOrganization")
                            .path("identifier")
                            .path("value")
                            .asText()));
                    break;
                case "active":
                    filter = filter.and(a -> a.path("active").asBoolean(false) == Boolean.parseBoolean(v));
                    break;
                case "_id":
                    filter = filter.and(a -> v.equals(a.path("id").asText()));
                    break;
                case "_count":
                case "_offset":
                case "_summary":
                case "_include":
                    break;
                default:
                    throw OdsError.unknownParameter(q.getKey(), "OrganizationAffiliation");
            }
        }
        List<Resource> matches = new ArrayList<>();
        for (ObjectNode a : store.affiliations()) {
            if (filter.test(a)) {
                matches.add(new Resource(a.path("id").asText(), Json.write(a)));
            }
        }
        return bundle("OrganizationAffiliation", query, matches);
    }

    /** A resource of a search answer: its id and JSON. */
    private record Resource(String id, String json) {}

    private ResponseDefinition bundle(String type, List<Map.Entry<String, String>> query, List<Resource> matches) {
        int count = intParameter(query, "_count", 20);
        int offset = intParameter(query, "_offset", 0);
        if (count > 1000) {
            throw OdsError.tooCostly();
        }
        ObjectNode b = Json.object();
        b.put("resourceType", "Bundle");
        b.put("id", UUID.randomUUID().toString());
        b.putObject("meta").put("lastUpdated", context.clock().instant().toString());
        b.put("type", "searchset");
        b.put("total", matches.size());
        String base = context.baseUrl() + BASE_PATH + "/" + type;
        ArrayNode links = b.putArray("link");
        links.addObject().put("relation", "self").put("url", url(base, query, null));
        boolean summary = query.stream()
                .anyMatch(q -> q.getKey().equals("_summary") && q.getValue().equals("count"));
        if (summary) {
            return ok(Json.write(b));
        }
        int end = Math.min(matches.size(), offset + count);
        if (end < matches.size()) {
            links.addObject().put("relation", "next").put("url", url(base, query, end));
        }
        String head = Json.write(b);
        StringBuilder out = new StringBuilder(head.length() + (end - offset) * 4096);
        out.append(head, 0, head.length() - 1).append(",\"entry\":[");
        for (int i = offset; i < end; i++) {
            Resource r = matches.get(i);
            out.append(i == offset ? "" : ",")
                    .append("{\"fullUrl\":")
                    .append(Json.write(base + "/" + r.id()))
                    .append(",\"resource\":")
                    .append(r.json())
                    .append(",\"search\":{\"mode\":\"match\"}}");
        }
        return ok(out.append("]}").toString());
    }

    private static int intParameter(List<Map.Entry<String, String>> query, String name, int dflt) {
        for (Map.Entry<String, String> q : query) {
            if (q.getKey().equals(name)) {
                try {
                    int v = Integer.parseInt(q.getValue());
                    if (v < 0) {
                        throw new NumberFormatException();
                    }
                    return v;
                } catch (NumberFormatException e) {
                    throw new OdsError(400, "processing", "HAPI-1955: Invalid " + name + " value");
                }
            }
        }
        return dflt;
    }

    private static String url(String base, List<Map.Entry<String, String>> query, Integer offset) {
        StringBuilder u = new StringBuilder(base);
        char sep = '?';
        for (Map.Entry<String, String> q : query) {
            if (offset != null && q.getKey().equals("_offset")) {
                continue;
            }
            u.append(sep).append(enc(q.getKey())).append('=').append(enc(q.getValue()));
            sep = '&';
        }
        if (offset != null) {
            u.append(sep).append("_offset=").append(offset);
        }
        return u.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private ResponseDefinition list(String id) {
        if (!LISTS.contains(id)) {
            throw OdsError.notKnown("List", id);
        }
        if ("Organization-deletion".equals(id)) {
            return ok(Json.write(store.deletions()));
        }
        ObjectNode l = Json.object();
        l.put("resourceType", "List");
        l.put("id", id);
        l.put("status", "current");
        l.put("mode", "working");
        l.putArray("entry");
        return ok(Json.write(l));
    }

    private static ResponseDefinition ok(String body) {
        return FakeResponse.json(200, FHIR_JSON, body).build();
    }

    /**
     * Replaces the generated organisations with this many ({@code SandboxOds.generatedOrganisations}).
     *
     * @param count zero or more
     */
    public synchronized void generatedOrganisations(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be zero or more");
        }
        store.generate(count);
    }

    /**
     * Renames an organisation and sets its last change date.
     *
     * @param code the organisation
     * @param name the new name
     * @param changedOn the new last change date
     */
    public synchronized void rename(OdsCode code, String name, LocalDate changedOn) {
        Objects.requireNonNull(name, "name");
        OdsRecord r = existing(code);
        ObjectNode o = r.tree();
        o.put("name", name);
        OdsRecord.lastChange(o, Objects.requireNonNull(changedOn, "changedOn"));
        store.put(o);
    }

    /**
     * Replaces (or creates) an organisation's roles and sets its last change date.
     *
     * @param code the organisation
     * @param changedOn the new last change date
     * @param roleCodes the role codes
     */
    public synchronized void setRoles(OdsCode code, LocalDate changedOn, String... roleCodes) {
        Objects.requireNonNull(changedOn, "changedOn");
        OdsRecord r = store.get(Objects.requireNonNull(code, "code").value());
        String name = r == null ? code.value() : r.name();
        String city = r == null || r.cities().isEmpty() ? "LEEDS" : r.cities().get(0);
        String postcode =
                r == null || r.postcodes().isEmpty() ? "LS1 1AA" : r.postcodes().get(0);
        ObjectNode o = OdsRecord.organisation(
                code.value(), name, changedOn, city, postcode, Arrays.asList(roleCodes), List.of());
        store.put(o);
    }

    /**
     * Deletes an organisation and lists it in the {@code Organization-deletion} List.
     *
     * @param code the organisation
     * @param deletedOn the deletion date
     */
    public synchronized void delete(OdsCode code, LocalDate deletedOn) {
        existing(code);
        store.remove(code.value(), Objects.requireNonNull(deletedOn, "deletedOn"));
    }

    /**
     * How many organisations the fake holds.
     *
     * @return the count
     */
    public synchronized int organisationCount() {
        return store.size();
    }

    private OdsRecord existing(OdsCode code) {
        OdsRecord r = store.get(Objects.requireNonNull(code, "code").value());
        if (r == null) {
            throw new IllegalArgumentException("the ODS fake has no organisation " + code);
        }
        return r;
    }
}

package uk.nhs.sdk.records.nrl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.auth.ApiKeyAuth;
import uk.nhs.sdk.core.auth.AuthProvider;
import uk.nhs.sdk.core.error.ForbiddenException;
import uk.nhs.sdk.core.error.NhsConfigurationException;
import uk.nhs.sdk.core.error.NhsDecodeException;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.fhir.OperationOutcome;
import uk.nhs.sdk.core.http.Idempotency;
import uk.nhs.sdk.core.http.NhsHttpClient;
import uk.nhs.sdk.core.http.NhsRequest;
import uk.nhs.sdk.core.http.NhsRequestBody;
import uk.nhs.sdk.core.http.NhsResponse;
import uk.nhs.sdk.records.nrl.internal.NrlJson;
import uk.nhs.sdk.records.nrl.internal.NrlJson.InvalidJson;

/**
 * What the NRL consumer and producer clients share: headers, search requests, executing a call
 * with NRL's own exceptions, and reading its responses. Package private.
 */
final class NrlCalls {
    /** The media type of every NRL FHIR body, and what the clients accept. */
    static final String FHIR_JSON = "application/fhir+json;version=1";
    /** The media type of a {@code _search} body. */
    static final String SEARCH_JSON = "application/json";

    static final String ODS_HEADER = "NHSD-End-User-Organisation-ODS";
    /** The words of NRL's 403 for an ODS code with no pointer types, lower case. */
    private static final String NO_POINTERS = "ods code has no pointers";

    private final NhsHttpClient http;
    private final String service;

    NrlCalls(NhsHttpClient http, String service) {
        this.http = http;
        this.service = service;
    }

    NhsHttpClient http() {
        return http;
    }

    /** Refuses a client without the end-user organisation's ODS code, which NRL requires on every call. */
    static OdsCode requireOds(OdsCode odsCode, String service) {
        if (odsCode == null) {
            throw new NhsValidationException(
                    "endUserOrganisation",
                    service
                            + " requires the end-user organisation's ODS code (NHSD-End-User-Organisation-ODS): "
                            + "set it with endUserOrganisation(OdsCode)");
        }
        return odsCode;
    }

    /** Adds NRL's headers to a builder's HTTP client. */
    static NhsHttpClient build(NhsHttpClient.Builder b, OdsCode odsCode) {
        return b.defaultHeader(ODS_HEADER, odsCode.value())
                .defaultHeader("Accept", FHIR_JSON)
                .build();
    }

    /** Refuses API-key auth, which NRL does not take. */
    static void checkAuth(AuthProvider auth, String service) {
        if (auth instanceof ApiKeyAuth) {
            throw new NhsConfigurationException(service + " does not accept API-key authentication: use "
                    + "SignedJwtAuth (application-restricted)");
        }
    }

    /** Executes a call; NRL's 403 for an ODS code with no pointer types becomes {@link NoPointerTypesException}. */
    NhsResponse execute(NhsRequest request) {
        try {
            return http.execute(request);
        } catch (ForbiddenException e) {
            boolean noTypes =
                    e.operationOutcome().map(NrlCalls::saysNoPointerTypes).orElse(false);
            throw noTypes ? new NoPointerTypesException(e) : e;
        }
    }

    /**
     * Whether the proxy's "Provided ODS code has no pointers within requesting app" is anywhere an
     * OperationOutcome can say it: the diagnostics, the details' text or a coding's display.
     */
    private static boolean saysNoPointerTypes(OperationOutcome oo) {
        return oo.issues().stream().anyMatch(i -> {
            List<String> texts = new ArrayList<>();
            i.diagnostics().ifPresent(texts::add);
            i.details().ifPresent(d -> {
                d.text().ifPresent(texts::add);
                d.coding().forEach(c -> c.display().ifPresent(texts::add));
            });
            return texts.stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).contains(NO_POINTERS));
        });
    }

    /** The search request, {@code POST _search} (JSON body) or {@code GET} (query). */
    static NhsRequest searchRequest(PointerSearch search, boolean count) {
        Map<String, String> params = search.parameters(count);
        if (search.usesGet()) {
            NhsRequest.Builder b =
                    NhsRequest.builder("GET", "/DocumentReference").idempotency(Idempotency.SAFE);
            params.forEach(b::query);
            return b.build();
        }
        ObjectNode body = NrlJson.object();
        params.forEach(body::put);
        return NhsRequest.builder("POST", "/DocumentReference/_search")
                .body(NhsRequestBody.ofJson(NrlJson.write(body), SEARCH_JSON))
                .idempotency(Idempotency.SAFE)
                .build();
    }

    PointerSearchResult search(PointerSearch search) {
        NhsResponse r = execute(searchRequest(search, false));
        JsonNode bundle = bundle(r);
        List<DocumentReference> pointers = new ArrayList<>();
        try {
            for (JsonNode entry : NrlJson.objects(bundle, "entry")) {
                JsonNode resource = NrlJson.object(entry, "resource")
                        .orElseThrow(() -> new InvalidJson("a Bundle entry has no resource"));
                if (isOutcome(entry, resource)) {
                    continue;
                }
                pointers.add(PointerJson.read(resource));
            }
        } catch (InvalidJson e) {
            throw decode(r, e);
        }
        JsonNode total = bundle.get("total");
        return new PointerSearchResult(
                total != null && total.canConvertToInt() ? total.asInt() : pointers.size(), pointers, r.requestId());
    }

    /** A FHIR search's warning entry ({@code search.mode} outcome, an OperationOutcome): not a pointer. */
    private static boolean isOutcome(JsonNode entry, JsonNode resource) {
        return "OperationOutcome".equals(NrlJson.text(resource, "resourceType").orElse(""))
                && "outcome"
                        .equals(NrlJson.object(entry, "search")
                                .flatMap(s -> NrlJson.text(s, "mode"))
                                .orElse(""));
    }

    int count(PointerSearch search) {
        NhsResponse r = execute(searchRequest(search, true));
        JsonNode total = bundle(r).get("total");
        if (total == null || !total.isIntegralNumber() || total.asInt() < 0) {
            throw new NhsDecodeException(service + " answered a count without a total", r.details(), null);
        }
        return total.asInt();
    }

    DocumentReference read(String id) {
        NhsResponse r = execute(NhsRequest.builder("GET", "/DocumentReference/{id}")
                .pathParam("id", PointerRules.checkId("id", id))
                .idempotency(Idempotency.SAFE)
                .build());
        try {
            DocumentReference p = PointerJson.read(json(r));
            if (p.id().filter(got -> !got.equals(id)).isPresent()) {
                throw new InvalidJson("a read answered a pointer with another id");
            }
            return p;
        } catch (InvalidJson e) {
            throw decode(r, e);
        }
    }

    private JsonNode bundle(NhsResponse r) {
        JsonNode body = json(r);
        if (!"Bundle".equals(NrlJson.text(body, "resourceType").orElse(""))) {
            throw decode(r, new InvalidJson("a search did not answer a Bundle"));
        }
        return body;
    }

    /** The JSON body of a 2xx answer, refusing a content type that is not JSON. */
    JsonNode json(NhsResponse r) {
        Optional<String> type = r.header("Content-Type");
        if (type.isPresent() && !isJson(type.get())) {
            throw new NhsDecodeException(
                    service + " answered " + r.status() + " with a content type that is not JSON", r.details(), null);
        }
        try {
            return NrlJson.parse(r.body());
        } catch (InvalidJson e) {
            throw decode(r, e);
        }
    }

    private static boolean isJson(String contentType) {
        String t = contentType.toLowerCase(Locale.ROOT);
        int semi = t.indexOf(';');
        String media = (semi < 0 ? t : t.substring(0, semi)).strip();
        return media.equals("application/json") || media.equals("application/fhir+json");
    }

    NhsDecodeException decode(NhsResponse r, InvalidJson e) {
        return new NhsDecodeException(service + " response is not as documented: " + e.getMessage(), r.details(), e);
    }
}

package uk.nhs.sdk.records.ods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import uk.nhs.sdk.core.CallOptions;
import uk.nhs.sdk.core.NhsClientBuilder;
import uk.nhs.sdk.core.NhsEnvironment;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.RateLimitOptions;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.auth.ApiKeyAuth;
import uk.nhs.sdk.core.auth.BearerTokenAuth;
import uk.nhs.sdk.core.auth.SignedJwtAuth;
import uk.nhs.sdk.core.error.NhsConfigurationException;
import uk.nhs.sdk.core.error.NhsDecodeException;
import uk.nhs.sdk.core.error.UnprocessableEntityException;
import uk.nhs.sdk.core.http.Idempotency;
import uk.nhs.sdk.core.http.NhsHttpClient;
import uk.nhs.sdk.core.http.NhsRequest;
import uk.nhs.sdk.core.http.NhsResponse;
import uk.nhs.sdk.records.RecordsApi;
import uk.nhs.sdk.records.ods.internal.NextLink;
import uk.nhs.sdk.records.ods.internal.OdsErrors;
import uk.nhs.sdk.records.ods.internal.OdsJson;
import uk.nhs.sdk.records.ods.internal.OdsJson.InvalidJson;

/**
 * The ODS FHIR R4 API ("Organisation Data Terminology API"): who an organisation is, by its ODS
 * code.
 *
 * <pre>{@code
 * try (OdsClient ods = OdsClient.builder()
 *         .environment(NhsEnvironment.INTEGRATION)
 *         .apiKey(Secret.of(System.getenv("ODS_API_KEY")))
 *         .build()) {
 *     Organization trust = ods.read(OdsCode.of("RR8"));
 *     ods.organizations(OdsSearch.builder().nameContains("Leeds").anyRole(OdsRole.NHS_TRUST).build())
 *        .forEach(o -> System.out.println(o.odsCode() + " " + o.name()));
 * }
 * }</pre>
 *
 * <p>Searches page lazily: {@link #search(OdsSearch)} fetches a page only when the stream needs
 * it, following the API's {@code next} links, and refuses a link that leaves the client's base URL.
 *
 * <p>Errors: 404 is {@link uk.nhs.sdk.core.error.ResourceNotFoundException} (code
 * {@code HAPI-2001}); 400 {@link uk.nhs.sdk.core.error.BadRequestException} ({@code HAPI-1940}
 * invalid date, {@code HAPI-0524} unknown parameter); 401 a missing or wrong API key; 422
 * {@link OdsTooCostlyException}; 429 {@link uk.nhs.sdk.core.error.RateLimitedException} after
 * the retries. Every call is a read and is retried on 408, 429, 502, 503 and 504.
 *
 * <p>Immutable and thread-safe: build once and share.
 */
public final class OdsClient implements AutoCloseable {
    /** The service name used in logs and exceptions. */
    public static final String SERVICE_NAME = "ODS";
    /** The default client-side rate limit per second: 16, so no 5-minute span exceeds ODS's 5,000. */
    public static final int DEFAULT_PERMITS_PER_SECOND = 16;

    static final String ORGANIZATION = "/Organization";
    static final String AFFILIATION = "/OrganizationAffiliation";

    private final NhsHttpClient http;

    private OdsClient(NhsHttpClient http) {
        this.http = http;
    }

    /**
     * Starts a builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A view of this client whose calls use the given overrides (deadline, headers, correlation
     * id); it shares this client's connections, rate limiter and circuit breaker.
     *
     * @param options the overrides
     * @return the view; closing it releases nothing
     */
    public OdsClient withCallOptions(CallOptions options) {
        return new OdsClient(http.withCallOptions(options));
    }

    /**
     * Releases the connection pool this client created; a transport it was given stays open.
     */
    @Override
    public void close() {
        http.close();
    }

    /**
     * The base URL calls go to.
     *
     * @return for example {@code https://int.api.service.nhs.uk/organisation-data-terminology-api/fhir}
     */
    public URI baseUrl() {
        return http.baseUrl();
    }

    /**
     * Reads an organisation ({@code GET /Organization/{id}}).
     *
     * @param odsCode the organisation's ODS code
     * @return the organisation
     * @throws uk.nhs.sdk.core.error.ResourceNotFoundException 404: ODS has no such organisation
     * @throws uk.nhs.sdk.core.error.NhsSdkException for any other failure
     */
    public Organization read(OdsCode odsCode) {
        Objects.requireNonNull(odsCode, "odsCode");
        NhsResponse r = execute(NhsRequest.builder("GET", ORGANIZATION + "/{id}")
                .pathParam("id", odsCode.value())
                .idempotency(Idempotency.SAFE)
                .build());
        try {
            return Organization.read(json(r));
        } catch (InvalidJson e) {
            throw decode(r, e);
        }
    }

    /**
     * Searches organisations ({@code GET /Organization}), page by page: each page is fetched
     * when the stream reaches it. Close the stream, or consume it, to stop.
     *
     * @param search the search
     * @return a lazy stream of pages; the first is fetched by the first terminal operation
     * @throws uk.nhs.sdk.core.error.NhsSdkException from the stream, when a page fails
     */
    public Stream<OdsPage<Organization>> search(OdsSearch search) {
        Objects.requireNonNull(search, "search");
        return pages(() -> firstPage(search), ORGANIZATION, Organization::read, "Organization");
    }

    /**
     * The organisations of a search, one page in memory at a time.
     *
     * @param search the search
     * @return a lazy stream of organisations
     */
    public Stream<Organization> organizations(OdsSearch search) {
        return search(search).flatMap(p -> p.items().stream());
    }

    /**
     * Counts the organisations a search matches ({@code _summary=count}), without fetching them.
     *
     * @param search the search
     * @return the count
     * @throws NhsDecodeException when the answer has no total
     */
    public int count(OdsSearch search) {
        Objects.requireNonNull(search, "search");
        NhsRequest.Builder b = NhsRequest.builder("GET", ORGANIZATION).idempotency(Idempotency.SAFE);
        search.parameters().forEach(p -> b.query(p.getKey(), p.getValue()));
        b.query("_summary", "count");
        NhsResponse r = execute(b.build());
        try {
            ObjectNode bundle = json(r);
            return OdsJson.integer(bundle, "total")
                    .map(Long::intValue)
                    .orElseThrow(() -> new InvalidJson("a count answered no total"));
        } catch (InvalidJson e) {
            throw decode(r, e);
        }
    }

    /**
     * Searches relationships ({@code GET /OrganizationAffiliation}), page by page.
     *
     * @param search the search
     * @return a lazy stream of pages
     */
    public Stream<OdsPage<OrganizationAffiliation>> affiliations(AffiliationSearch search) {
        Objects.requireNonNull(search, "search");
        return pages(
                () -> {
                    NhsRequest.Builder b =
                            NhsRequest.builder("GET", AFFILIATION).idempotency(Idempotency.SAFE);
                    search.parameters().forEach(p -> b.query(p.getKey(), p.getValue()));
                    if (search.pageSize() > 0) {
                        b.query("_count", Integer.toString(search.pageSize()));
                    }
                    return b.build();
                },
                AFFILIATION,
                OrganizationAffiliation::read,
                "OrganizationAffiliation");
    }

    /**
     * Reads a deletion list ({@code GET /List/{id}}).
     *
     * @param kind which list
     * @return the list
     */
    public DeletionList deletions(DeletionList.Kind kind) {
        Objects.requireNonNull(kind, "kind");
        NhsResponse r = execute(NhsRequest.builder("GET", "/List/{id}")
                .pathParam("id", kind.listId())
                .idempotency(Idempotency.SAFE)
                .build());
        try {
            ObjectNode list = json(r);
            if (!"List".equals(list.path("resourceType").asText(""))) {
                throw new InvalidJson("a deletion list is not a List");
            }
            List<DeletionList.Entry> entries = new ArrayList<>();
            for (JsonNode e : OdsJson.objects(list, "entry")) {
                String value = e.path("item").path("identifier").path("value").asText(null);
                if (value == null) {
                    throw new InvalidJson("a deletion entry has no identifier");
                }
                entries.add(
                        new DeletionList.Entry(value, OdsJson.date(e, "date").orElse(null)));
            }
            return new DeletionList(kind, entries);
        } catch (InvalidJson e) {
            throw decode(r, e);
        }
    }

    /** The first page's request of an organisation search. */
    NhsRequest firstPage(OdsSearch search) {
        NhsRequest.Builder b = NhsRequest.builder("GET", ORGANIZATION).idempotency(Idempotency.SAFE);
        search.parameters().forEach(p -> b.query(p.getKey(), p.getValue()));
        if (search.pageSize() > 0) {
            b.query("_count", Integer.toString(search.pageSize()));
        }
        return b.build();
    }

    /** Fetches one organisation page: the first of a search, or the one a checked next link names. */
    OdsPage<Organization> organizationPage(NhsRequest request) {
        return page(request, ORGANIZATION, Organization::read, "Organization");
    }

    /** The request for a next link, or a decode failure when the link leaves the base URL. */
    NhsRequest nextRequest(URI link, String resourcePath) {
        NextLink next = NextLink.check(link, http.baseUrl(), resourcePath)
                .orElseThrow(() -> new NhsDecodeException(
                        "ODS sent a next link outside the client's base URL; it was not followed",
                        uk.nhs.sdk.core.error.CallDetails.none(),
                        null));
        NhsRequest.Builder b = NhsRequest.builder("GET", next.resourcePath()).idempotency(Idempotency.SAFE);
        for (Map.Entry<String, String> q : next.query()) {
            b.query(q.getKey(), q.getValue());
        }
        return b.build();
    }

    /** A page whose next link was already followed in this paging: following it again would never end. */
    static NhsDecodeException repeatedNextLink() {
        return new NhsDecodeException(
                "ODS sent a page whose next link it already followed; paging stopped",
                uk.nhs.sdk.core.error.CallDetails.none(),
                null);
    }

    /** Reads a resource of a page. */
    @FunctionalInterface
    interface Reader<T> {
        T read(JsonNode resource) throws InvalidJson;
    }

    private <T> Stream<OdsPage<T>> pages(
            java.util.function.Supplier<NhsRequest> first, String resourcePath, Reader<T> reader, String resourceType) {
        Iterator<OdsPage<T>> it = new Iterator<>() {
            private NhsRequest nextRequest;
            private final Set<URI> followed = new HashSet<>();
            private boolean started;

            @Override
            public boolean hasNext() {
                return !started || nextRequest != null;
            }

            @Override
            public OdsPage<T> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                NhsRequest request = started ? nextRequest : first.get();
                started = true;
                OdsPage<T> page = page(request, resourcePath, reader, resourceType);
                URI link = page.nextLink().orElse(null);
                if (link != null && !followed.add(link)) {
                    throw repeatedNextLink();
                }
                nextRequest = link == null ? null : nextRequest(link, resourcePath);
                return page;
            }
        };
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    private <T> OdsPage<T> page(NhsRequest request, String resourcePath, Reader<T> reader, String resourceType) {
        NhsResponse r = execute(request);
        try {
            ObjectNode bundle = json(r);
            if (!"Bundle".equals(bundle.path("resourceType").asText(""))) {
                throw new InvalidJson("a search answered something other than a Bundle");
            }
            List<T> items = new ArrayList<>();
            for (JsonNode entry : OdsJson.objects(bundle, "entry")) {
                JsonNode resource = entry.get("resource");
                if (resource == null || !resource.isObject()) {
                    throw new InvalidJson("a Bundle entry has no resource");
                }
                String mode = entry.path("search").path("mode").asText("match");
                if (resourceType.equals(resource.path("resourceType").asText("")) && "match".equals(mode)) {
                    items.add(reader.read(resource));
                }
            }
            URI next = null;
            for (JsonNode link : OdsJson.objects(bundle, "link")) {
                if ("next".equals(link.path("relation").asText(""))) {
                    String url = link.path("url").asText("");
                    try {
                        next = URI.create(url);
                    } catch (IllegalArgumentException e) {
                        throw new InvalidJson("a next link is not a URL");
                    }
                    if (NextLink.check(next, http.baseUrl(), resourcePath).isEmpty()) {
                        throw new NhsDecodeException(
                                "ODS sent a next link outside the client's base URL; it was " + "not followed",
                                r.details(),
                                null);
                    }
                }
            }
            Integer total = OdsJson.integer(bundle, "total").map(Long::intValue).orElse(null);
            return new OdsPage<>(items, total, next);
        } catch (InvalidJson e) {
            throw decode(r, e);
        }
    }

    private NhsResponse execute(NhsRequest request) {
        try {
            return http.execute(request);
        } catch (OdsTooCostlyException e) {
            throw e;
        } catch (UnprocessableEntityException e) {
            throw new OdsTooCostlyException(
                    e.status(), e.errorCode().orElse(null), e.operationOutcome().orElse(null), e.details());
        }
    }

    private static ObjectNode json(NhsResponse r) throws InvalidJson {
        List<String> types = r.headers().all("Content-Type");
        if (!types.isEmpty() && types.stream().noneMatch(OdsClient::isJson)) {
            throw new InvalidJson("the content type is not JSON");
        }
        return OdsJson.parse(r.body());
    }

    private static boolean isJson(String contentType) {
        String t = contentType.toLowerCase(Locale.ROOT);
        int semi = t.indexOf(';');
        String media = (semi < 0 ? t : t.substring(0, semi)).strip();
        return media.equals("application/json") || media.equals("application/fhir+json");
    }

    private static NhsDecodeException decode(NhsResponse r, InvalidJson e) {
        return new NhsDecodeException("ODS response is not as documented: " + e.getMessage(), r.details(), e);
    }

    @Override
    public String toString() {
        return "OdsClient[" + http.baseUrl() + "]";
    }

    /**
     * Builds an {@link OdsClient} on the shared {@link NhsClientBuilder} settings. Either
     * {@code environment} or {@code baseUrl} is required; the environment's base URL is its API
     * Platform host plus {@code organisation-data-terminology-api/fhir}.
     *
     * <p>Credentials: the application's API key ({@link #apiKey(Secret)}, sent as {@code apikey});
     * the public sandbox needs none. ODS does not take signed-JWT or bearer-token auth.
     *
     * <p>Rate limit: unless the options set one, the client allows
     * {@value OdsClient#DEFAULT_PERMITS_PER_SECOND} calls a second (4,800 per 5 minutes), below
     * ODS's documented 5,000 requests per 5 minutes in every 5-minute span; a call waits up to 30
     * seconds (never past its deadline) for a permit. Set your own with
     * {@link uk.nhs.sdk.core.NhsClientOptions.Builder#rateLimit(RateLimitOptions)}.
     */
    public static final class Builder extends NhsClientBuilder<Builder, OdsClient> {
        private Builder() {
            super(SERVICE_NAME);
        }

        @Override
        protected URI baseUrlFor(NhsEnvironment environment) {
            return RecordsApi.ODS.baseUrl(environment);
        }

        /**
         * Sends the application's API key in the {@code apikey} header.
         *
         * @param key the key
         * @return this builder
         */
        public Builder apiKey(Secret key) {
            return auth(ApiKeyAuth.of(key));
        }

        /**
         * Builds the client.
         *
         * @return the client
         * @throws NhsConfigurationException when neither a base URL nor an environment is set, or
         *     the auth is signed-JWT or bearer-token auth, which ODS does not accept
         */
        @Override
        public OdsClient build() {
            if (auth() instanceof SignedJwtAuth || auth() instanceof BearerTokenAuth) {
                throw new NhsConfigurationException(
                        SERVICE_NAME + " accepts only API-key authentication: use apiKey(...)");
            }
            NhsHttpClient.Builder b =
                    httpClient().errorDecoder(OdsErrors.decoder()).defaultHeader("Accept", "application/fhir+json");
            if (options().rateLimit().isEmpty()) {
                b.options(options().toBuilder()
                        .rateLimit(RateLimitOptions.perSecond(DEFAULT_PERMITS_PER_SECOND, Duration.ofSeconds(30)))
                        .build());
            }
            return new OdsClient(b.build());
        }
    }
}

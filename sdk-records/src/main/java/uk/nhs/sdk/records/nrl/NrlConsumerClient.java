package uk.nhs.sdk.records.nrl;

import java.net.URI;
import java.util.Objects;
import uk.nhs.sdk.core.CallOptions;
import uk.nhs.sdk.core.NhsClientBuilder;
import uk.nhs.sdk.core.NhsEnvironment;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.error.NhsConfigurationException;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.records.RecordsApi;

/**
 * The National Record Locator consumer API (NRL v3): find where a patient's records are held.
 *
 * <pre>{@code
 * try (NrlConsumerClient nrl = NrlConsumerClient.builder()
 *         .environment(NhsEnvironment.INTEGRATION)
 *         .auth(signedJwtAuth)
 *         .endUserOrganisation(OdsCode.of("Y05868"))
 *         .build()) {
 *     PointerSearchResult found = nrl.search(PointerSearch.forPatient(nhsNumber).build());
 *     for (DocumentReference p : found.pointers()) {
 *         System.out.println(p.type() + " held by " + p.custodian().orElse("?"));
 *     }
 * }
 * }</pre>
 *
 * <p>Every call sends a UUID {@code X-Request-ID} (the same on every retry), the
 * {@code X-Correlation-ID} when one is configured, the end-user organisation's ODS code in
 * {@code NHSD-End-User-Organisation-ODS} (required: {@link Builder#build()} refuses a client
 * without it) and {@code Accept: application/fhir+json;version=1}. Searches go as
 * {@code POST /DocumentReference/_search} with an {@code application/json} body unless the
 * search asks for the {@code GET} form. Only pointer types agreed for the ODS code at onboarding
 * are returned; an ODS code with none is refused with {@link NoPointerTypesException}.
 *
 * <p>Errors are the SDK's exceptions chosen by status, each carrying NRL's code
 * ({@link NrlErrorCode#of(uk.nhs.sdk.core.error.NhsServiceException)}): 400 {@code BAD_REQUEST},
 * {@code INVALID_PARAMETER}, {@code MESSAGE_NOT_WELL_FORMED}; 401 {@code ACCESS_DENIED}; 403
 * {@code ACCESS_DENIED} or {@code VALIDATION_ERROR} (another organisation's pointer); 404
 * {@code RESOURCE_NOT_FOUND}. Immutable and thread-safe: build once and share.
 */
public final class NrlConsumerClient implements AutoCloseable {
    /** The service name used in logs and exceptions. */
    public static final String SERVICE_NAME = "NRL consumer";

    private final NrlCalls calls;

    private NrlConsumerClient(NrlCalls calls) {
        this.calls = calls;
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
     * A view of this client whose calls use the given overrides (deadline, extra headers,
     * correlation id); it shares this client's connections, auth, circuit breaker and retry budget.
     *
     * @param options the overrides
     * @return the view; closing it releases nothing
     */
    public NrlConsumerClient withCallOptions(CallOptions options) {
        return new NrlConsumerClient(new NrlCalls(calls.http().withCallOptions(options), SERVICE_NAME));
    }

    /**
     * Releases the connection pool this client created; a transport or auth provider it was given
     * is left open.
     */
    @Override
    public void close() {
        calls.http().close();
    }

    /**
     * The base URL calls go to.
     *
     * @return for example {@code https://int.api.service.nhs.uk/record-locator/consumer/FHIR/R4}
     */
    public URI baseUrl() {
        return calls.http().baseUrl();
    }

    /**
     * Finds a patient's pointers ({@code POST /DocumentReference/_search}, or {@code GET
     * /DocumentReference} when the search asks for it). NRL returns every match at once.
     *
     * @param search the patient and filters
     * @return the pointers
     * @throws uk.nhs.sdk.core.error.BadRequestException 400, such as {@code INVALID_PARAMETER}
     * @throws NoPointerTypesException when the ODS code has no pointer types for this application
     * @throws uk.nhs.sdk.core.error.NhsSdkException for any other failure
     */
    public PointerSearchResult search(PointerSearch search) {
        return calls.search(Objects.requireNonNull(search, "search"));
    }

    /**
     * Finds all of a patient's pointers the caller may see.
     *
     * @param nhsNumber the patient's NHS number
     * @return the pointers
     * @see #search(PointerSearch)
     */
    public PointerSearchResult search(NhsNumber nhsNumber) {
        return search(PointerSearch.forPatient(nhsNumber).build());
    }

    /**
     * Counts a patient's pointers matching a search ({@code _summary=count}), without fetching them.
     *
     * @param search the patient and filters
     * @return the number of matching pointers
     * @throws uk.nhs.sdk.core.error.NhsSdkException for any failure
     */
    public int count(PointerSearch search) {
        return calls.count(Objects.requireNonNull(search, "search"));
    }

    /**
     * Reads one pointer ({@code GET /DocumentReference/{id}}).
     *
     * @param id the pointer's id, such as {@code Y05868-1234567892}
     * @return the pointer
     * @throws NhsValidationException before any call when the id breaks NRL's pattern
     *     {@value DocumentReference#ID_PATTERN}
     * @throws uk.nhs.sdk.core.error.ResourceNotFoundException 404 {@code RESOURCE_NOT_FOUND}
     * @throws uk.nhs.sdk.core.error.ForbiddenException 403, such as the pointer belonging to another
     *     organisation or being of a type not agreed at onboarding
     * @throws uk.nhs.sdk.core.error.NhsSdkException for any other failure
     */
    public DocumentReference read(String id) {
        return calls.read(id);
    }

    @Override
    public String toString() {
        return "NrlConsumerClient[" + baseUrl() + "]";
    }

    /**
     * Builds an {@link NrlConsumerClient} on the shared {@link NhsClientBuilder} settings
     * (environment or base URL, options, auth, transport, correlation id) plus the end-user
     * organisation, which NRL requires. The environment's base URL is its API Platform host plus
     * {@code record-locator/consumer/FHIR/R4} ({@link RecordsApi#NRL_CONSUMER}).
     *
     * <p>Credentials: {@link uk.nhs.sdk.core.auth.SignedJwtAuth} (application-restricted), or
     * {@link uk.nhs.sdk.core.auth.AuthProvider#none()} (the default) for the open sandbox. NRL
     * mirrors the {@code X-Correlation-ID} back; avoid {@code .} in it.
     */
    public static final class Builder extends NhsClientBuilder<Builder, NrlConsumerClient> {
        private OdsCode endUserOrganisation;

        private Builder() {
            super(SERVICE_NAME);
        }

        @Override
        protected URI baseUrlFor(NhsEnvironment environment) {
            return RecordsApi.NRL_CONSUMER.baseUrl(environment);
        }

        /**
         * Sets the end user's organisation, sent as {@code NHSD-End-User-Organisation-ODS} (required).
         *
         * @param value the ODS code
         * @return this builder
         */
        public Builder endUserOrganisation(OdsCode value) {
            this.endUserOrganisation = Objects.requireNonNull(value, "endUserOrganisation");
            return this;
        }

        /**
         * Builds the client.
         *
         * @return the client
         * @throws NhsValidationException when no end-user organisation was set
         * @throws NhsConfigurationException when neither a base URL nor an environment is set, or
         *     the auth is an API key, which NRL does not accept
         */
        @Override
        public NrlConsumerClient build() {
            OdsCode ods = NrlCalls.requireOds(endUserOrganisation, SERVICE_NAME);
            NrlCalls.checkAuth(auth(), SERVICE_NAME);
            return new NrlConsumerClient(new NrlCalls(NrlCalls.build(httpClient(), ods), SERVICE_NAME));
        }
    }
}

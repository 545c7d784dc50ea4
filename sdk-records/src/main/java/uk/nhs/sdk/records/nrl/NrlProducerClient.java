package uk.nhs.sdk.records.nrl;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import uk.nhs.sdk.core.CallOptions;
import uk.nhs.sdk.core.NhsClientBuilder;
import uk.nhs.sdk.core.NhsEnvironment;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.error.NhsConfigurationException;
import uk.nhs.sdk.core.error.NhsDecodeException;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.http.Idempotency;
import uk.nhs.sdk.core.http.NhsRequest;
import uk.nhs.sdk.core.http.NhsRequestBody;
import uk.nhs.sdk.core.http.NhsResponse;
import uk.nhs.sdk.records.RecordsApi;
import uk.nhs.sdk.records.nrl.internal.NrlJson;

/**
 * The National Record Locator producer API (NRL v3): create, supersede, update and delete the
 * pointers your organisation publishes, and search and read them back.
 *
 * <pre>{@code
 * try (NrlProducerClient nrl = NrlProducerClient.builder()
 *         .environment(NhsEnvironment.INTEGRATION)
 *         .auth(signedJwtAuth)
 *         .endUserOrganisation(OdsCode.of("Y05868"))
 *         .build()) {
 *     WriteResult created = nrl.create(pointer);              // pointer from DocumentReference.builder()
 *     WriteResult replaced = nrl.supersede(newVersion, created.pointerId());
 *     nrl.delete(replaced.pointerId());
 * }
 * }</pre>
 *
 * <p>Every call carries the headers {@link NrlConsumerClient} describes; writes send their
 * {@code DocumentReference} as {@code application/fhir+json;version=1}. Writes are keyed: each
 * write has one UUID, sent as its {@code X-Request-ID} and, because NRL's specs say NRL
 * de-duplicates repeated requests by {@code X-Correlation-ID}, as its {@code X-Correlation-ID}
 * too; a retry (after a connection failure, a timeout or 408, 429, 502, 503, 504) resends both
 * unchanged. A correlation id set on the builder therefore goes with reads only (one set per call
 * with {@link #withCallOptions(CallOptions)} still wins: give each write its own, or two writes
 * may be taken for one). Whether NRL really drops a repeat is not confirmed: after an ambiguous
 * failure, search your pointers before writing again. When no answer arrives at all, the
 * exception is a {@link uk.nhs.sdk.core.error.NhsTransportException} whose
 * {@code outcomeUnknown()} is {@code true} and whose {@code reconcileId()} is that
 * {@code X-Request-ID}: search your pointers to see whether the write happened, or resend it with
 * {@link #create(DocumentReference, UUID)} and the same id.
 *
 * <p>Errors are the SDK's exceptions chosen by status, each carrying NRL's code
 * ({@link NrlErrorCode}): 400 {@code BAD_REQUEST}, {@code MESSAGE_NOT_WELL_FORMED},
 * {@code INVALID_RESOURCE}; 401 and 403 {@code ACCESS_DENIED}; 403 {@code ACCESS_DENIED_LEVEL};
 * 404 {@code RESOURCE_NOT_FOUND}; 422 {@code UNPROCESSABLE_ENTITY}. Immutable and thread-safe.
 */
public final class NrlProducerClient implements AutoCloseable {
    /** The service name used in logs and exceptions. */
    public static final String SERVICE_NAME = "NRL producer";

    private final NrlCalls calls;

    private NrlProducerClient(NrlCalls calls) {
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
    public NrlProducerClient withCallOptions(CallOptions options) {
        return new NrlProducerClient(new NrlCalls(calls.http().withCallOptions(options), SERVICE_NAME));
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
     * @return for example {@code https://int.api.service.nhs.uk/record-locator/producer/FHIR/R4}
     */
    public URI baseUrl() {
        return calls.http().baseUrl();
    }

    /**
     * Creates a pointer ({@code POST /DocumentReference}); with {@code relatesTo} {@code replaces}
     * it supersedes the pointers named.
     *
     * @param pointer a pointer built with {@link DocumentReference#builder()}, without an id
     * @return the new pointer's id (from {@code Location}) and the call's request id
     * @throws NhsValidationException before any call when the pointer has an id (NRL gives one) or
     *     breaks a rule {@link DocumentReference.Builder#build()} checks (a pointer from
     *     {@link DocumentReference#fromJson(String)} is checked here)
     * @throws uk.nhs.sdk.core.error.NhsTransportException when no answer came: {@code outcomeUnknown()}
     *     is {@code true} and {@code reconcileId()} is the {@code X-Request-ID} to resend with
     * @throws uk.nhs.sdk.core.error.NhsSdkException for any other failure
     */
    public WriteResult create(DocumentReference pointer) {
        return create(pointer, UUID.randomUUID());
    }

    /**
     * Creates a pointer, sending a given {@code X-Request-ID}: use it to resend a create whose
     * outcome is unknown with the id from the exception.
     *
     * @param pointer the pointer, without an id
     * @param requestId the {@code X-Request-ID}
     * @return the new pointer's id and the call's request id
     * @see #create(DocumentReference)
     */
    public WriteResult create(DocumentReference pointer, UUID requestId) {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(requestId, "requestId");
        if (pointer.id().isPresent()) {
            throw new NhsValidationException(
                    "id",
                    "a new pointer has no id: NRL gives it one (to change an existing "
                            + "pointer use update, to replace it use supersede)");
        }
        PointerRules.checkWritable(pointer);
        NhsResponse r = calls.execute(
                write("POST", "/DocumentReference", pointer, requestId).build());
        String location = r.header("Location")
                .orElseThrow(() -> new NhsDecodeException(
                        SERVICE_NAME + " created a pointer but sent no Location header", r.details(), null));
        return new WriteResult(
                idFromLocation(location)
                        .orElseThrow(() -> new NhsDecodeException(
                                SERVICE_NAME + " sent a Location header that names no DocumentReference id",
                                r.details(),
                                null)),
                r.requestId(),
                r.attempts());
    }

    /**
     * Supersedes pointers: creates {@code replacement} with {@code relatesTo} {@code replaces} for
     * each id given, and NRL deletes the old ones. Their subject and type must match the
     * replacement's.
     *
     * @param replacement the new pointer, without an id
     * @param replacedIds the ids of the pointers it replaces (one or more)
     * @return the new pointer's id
     * @throws NhsValidationException when no id is given or an id breaks NRL's pattern
     * @see #create(DocumentReference)
     */
    public WriteResult supersede(DocumentReference replacement, String... replacedIds) {
        Objects.requireNonNull(replacement, "replacement");
        if (replacedIds.length == 0) {
            throw new NhsValidationException("replacedIds", "name at least one pointer to supersede");
        }
        DocumentReference.Builder b = replacement.toBuilder();
        for (String id : replacedIds) {
            b.replaces(id);
        }
        return create(b.build());
    }

    /**
     * Updates a pointer in place ({@code PUT /DocumentReference/{id}}). NRL keeps id, subject,
     * custodian, type, masterIdentifier and date as created; prefer
     * {@link #update(DocumentReference, DocumentReference)}, which checks them before sending.
     * Changing the status does not delete a pointer: use {@link #delete(String)}.
     *
     * @param pointer the pointer with its id, typically {@code read(id).toBuilder()...build()}
     * @return the id and the call's request id
     * @throws NhsValidationException before any call when the pointer has no id, its id breaks
     *     NRL's pattern, or it breaks a rule {@link DocumentReference.Builder#build()} checks
     * @throws uk.nhs.sdk.core.error.NhsSdkException for any failure
     */
    public WriteResult update(DocumentReference pointer) {
        Objects.requireNonNull(pointer, "pointer");
        String id = pointer.id()
                .orElseThrow(
                        () -> new NhsValidationException("id", "an update names the pointer it replaces: set its id"));
        PointerRules.checkWritable(pointer);
        NhsResponse r = calls.execute(write("PUT", "/DocumentReference/{id}", pointer, UUID.randomUUID())
                .pathParam("id", id)
                .build());
        return new WriteResult(id, r.requestId(), r.attempts());
    }

    /**
     * Updates a pointer, refusing before any call a change to a field NRL keeps fixed.
     *
     * @param original the pointer as read from NRL
     * @param updated the changed pointer (from {@code original.toBuilder()})
     * @return the id and the call's request id
     * @throws NhsValidationException naming the fixed field that changed
     * @see #update(DocumentReference)
     */
    public WriteResult update(DocumentReference original, DocumentReference updated) {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(updated, "updated");
        PointerRules.checkImmutables(original, updated);
        return update(updated);
    }

    /**
     * Deletes a pointer ({@code DELETE /DocumentReference/{id}}), for example on the patient's death.
     *
     * @param id the pointer's id
     * @return the id and the call's request id
     * @throws NhsValidationException before any call when the id breaks NRL's pattern
     * @throws uk.nhs.sdk.core.error.ForbiddenException 403 {@code ACCESS_DENIED}: another organisation's pointer
     * @throws uk.nhs.sdk.core.error.NhsSdkException for any other failure
     */
    public WriteResult delete(String id) {
        String checked = PointerRules.checkId("id", Objects.requireNonNull(id, "id"));
        UUID requestId = UUID.randomUUID();
        NhsResponse r = calls.execute(NhsRequest.builder("DELETE", "/DocumentReference/{id}")
                .pathParam("id", checked)
                .idempotency(Idempotency.KEYED)
                .requestId(requestId.toString())
                .correlationId(requestId.toString())
                .reconcileId(requestId.toString())
                .build());
        return new WriteResult(checked, r.requestId(), r.attempts());
    }

    /**
     * Searches the pointers your organisation created for a patient ({@code POST
     * /DocumentReference/_search} by default).
     *
     * @param search the patient, types and categories (no custodian: the results are already yours)
     * @return the pointers
     * @throws NhsValidationException when the search names a custodian
     */
    public PointerSearchResult search(PointerSearch search) {
        Objects.requireNonNull(search, "search");
        if (search.custodian().isPresent()) {
            throw new NhsValidationException(
                    "custodian", "a producer search finds only your own pointers: " + "leave the custodian out");
        }
        return calls.search(search);
    }

    /**
     * Reads one of your pointers ({@code GET /DocumentReference/{id}}).
     *
     * @param id the pointer's id
     * @return the pointer
     * @throws NhsValidationException before any call when the id breaks NRL's pattern
     * @throws uk.nhs.sdk.core.error.ForbiddenException 403 {@code AUTHOR_CREDENTIALS_ERROR}: another
     *     organisation's pointer
     * @throws uk.nhs.sdk.core.error.NhsSdkException for any other failure
     */
    public DocumentReference read(String id) {
        return calls.read(id);
    }

    private static NhsRequest.Builder write(String method, String path, DocumentReference pointer, UUID requestId) {
        return NhsRequest.builder(method, path)
                .body(NhsRequestBody.ofJson(NrlJson.write(PointerJson.write(pointer)), NrlCalls.FHIR_JSON))
                .idempotency(Idempotency.KEYED)
                .requestId(requestId.toString())
                .correlationId(requestId.toString())
                .reconcileId(requestId.toString());
    }

    /** The id after {@code DocumentReference/} in a Location, relative or absolute. */
    static Optional<String> idFromLocation(String location) {
        String path = location.strip();
        int q = path.indexOf('?');
        if (q >= 0) {
            path = path.substring(0, q);
        }
        int at = path.lastIndexOf("DocumentReference/");
        if (at < 0) {
            return Optional.empty();
        }
        String id = path.substring(at + "DocumentReference/".length());
        return id.matches(DocumentReference.ID_PATTERN) ? Optional.of(id) : Optional.empty();
    }

    @Override
    public String toString() {
        return "NrlProducerClient[" + baseUrl() + "]";
    }

    /**
     * Builds an {@link NrlProducerClient} on the shared {@link NhsClientBuilder} settings plus the
     * end-user organisation, which NRL requires. The environment's base URL is its API Platform
     * host plus {@code record-locator/producer/FHIR/R4} ({@link RecordsApi#NRL_PRODUCER}).
     * Credentials: {@link uk.nhs.sdk.core.auth.SignedJwtAuth}, or none for the open sandbox.
     */
    public static final class Builder extends NhsClientBuilder<Builder, NrlProducerClient> {
        private OdsCode endUserOrganisation;

        private Builder() {
            super(SERVICE_NAME);
        }

        @Override
        protected URI baseUrlFor(NhsEnvironment environment) {
            return RecordsApi.NRL_PRODUCER.baseUrl(environment);
        }

        /**
         * Sets the end user's organisation, sent as {@code NHSD-End-User-Organisation-ODS}
         * (required); it must be onboarded for the pointer types you write.
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
        public NrlProducerClient build() {
            OdsCode ods = NrlCalls.requireOds(endUserOrganisation, SERVICE_NAME);
            NrlCalls.checkAuth(auth(), SERVICE_NAME);
            return new NrlProducerClient(new NrlCalls(NrlCalls.build(httpClient(), ods), SERVICE_NAME));
        }
    }
}

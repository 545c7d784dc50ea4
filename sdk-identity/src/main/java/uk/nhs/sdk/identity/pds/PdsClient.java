package uk.nhs.sdk.identity.pds;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import uk.nhs.sdk.core.CallOptions;
import uk.nhs.sdk.core.NhsClientBuilder;
import uk.nhs.sdk.core.NhsEnvironment;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.auth.ApiKeyAuth;
import uk.nhs.sdk.core.auth.AuthProvider;
import uk.nhs.sdk.core.auth.BearerTokenAuth;
import uk.nhs.sdk.core.error.NhsConfigurationException;
import uk.nhs.sdk.core.error.NhsDecodeException;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.error.UnexpectedStatusException;
import uk.nhs.sdk.core.fhir.OperationOutcome;
import uk.nhs.sdk.core.http.Idempotency;
import uk.nhs.sdk.core.http.NhsHttpClient;
import uk.nhs.sdk.core.http.NhsRequest;
import uk.nhs.sdk.core.http.NhsRequestBody;
import uk.nhs.sdk.core.http.NhsResponse;
import uk.nhs.sdk.identity.pds.internal.FhirJson;
import uk.nhs.sdk.identity.pds.internal.FhirJson.InvalidFhir;

/**
 * The Personal Demographics Service (PDS) FHIR R4 API: retrieve, search and update patients,
 * and list their related people.
 *
 * <pre>{@code
 * PdsClient pds = PdsClient.builder()
 *     .environment(NhsEnvironment.INTEGRATION)
 *     .auth(signedJwtAuth)                       // or BearerTokenAuth for a CIS2 user's token
 *     .endUserOrganisation(OdsCode.of("Y12345"))
 *     .build();
 * RetrievedPatient p = pds.getPatient(NhsNumber.parse("9000000009"));
 * if (p.isSuperseded()) { replaceNumber(p.requestedNhsNumber(), p.nhsNumber()); }
 * UpdateResult u = pds.update(p, PatientPatch.builder().replace("/gender", "female").build());
 * }</pre>
 *
 * <p>Every call sends a UUID {@code X-Request-ID} (the same on every retry: PDS de-duplicates
 * on it), the {@code X-Correlation-ID} when one is configured, and
 * {@code NHSD-End-User-Organisation-ODS} and {@code NHSD-Session-URID} when configured. It never
 * sends {@code Prefer} (PDS's proxy strips it).
 *
 * <p>Errors are the SDK's exceptions chosen by status, each carrying PDS's code from the
 * OperationOutcome ({@link uk.nhs.sdk.core.error.NhsServiceException#errorCode()}), for example
 * 400 {@code INVALID_RESOURCE_ID}, 404 {@code RESOURCE_NOT_FOUND} or
 * {@code INVALIDATED_RESOURCE}, 409 {@code RESOURCE_VERSION_MISMATCH}, 412
 * {@code PRECONDITION_FAILED}, 429 {@code TOO_MANY_REQUESTS}, 503 {@code SERVICE_UNAVAILABLE}.
 * Reads, and updates (de-duplicated by {@code X-Request-ID}), are retried on 408, 429, 502, 503
 * and 504, honouring {@code Retry-After}; a 408 {@code UNABLE_TO_CALL_SERVICE} (a Spine timeout)
 * that persists ends as {@link UnexpectedStatusException} with status 408, the SDK having no
 * class of its own for that status.
 *
 * <p>Immutable and thread-safe: build once and share.
 */
public final class PdsClient implements AutoCloseable {
    /** The API's base path below the API Platform host. */
    public static final String BASE_PATH = "personal-demographics/FHIR/R4";
    /** The service name used in logs and exceptions. */
    public static final String SERVICE_NAME = "PDS";

    private static final String JSON_PATCH = "application/json-patch+json";
    private static final String END_USER_ORGANISATION_HEADER = "NHSD-End-User-Organisation-ODS";
    private static final String SESSION_URID_HEADER = "NHSD-Session-URID";

    private final NhsHttpClient http;

    private PdsClient(NhsHttpClient http) {
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
     * A view of this client whose calls use the given overrides (deadline, extra headers,
     * correlation id); it shares this client's connections, auth, circuit breaker and retry budget.
     *
     * <pre>{@code
     * pds.withCallOptions(CallOptions.builder().deadline(Duration.ofSeconds(5)).build()).getPatient(n);
     * }</pre>
     *
     * @param options the overrides
     * @return the view; closing it releases nothing
     */
    public PdsClient withCallOptions(CallOptions options) {
        return new PdsClient(http.withCallOptions(options));
    }

    /**
     * Releases the connection pool this client created; a transport or auth provider it was given
     * is left open.
     */
    @Override
    public void close() {
        http.close();
    }

    /**
     * The base URL calls go to.
     *
     * @return for example {@code https://int.api.service.nhs.uk/personal-demographics/FHIR/R4}
     */
    public URI baseUrl() {
        return http.baseUrl();
    }

    /**
     * Retrieves a patient ({@code GET /Patient/{id}}).
     *
     * <p>A superseded number returns the retained record: see {@link RetrievedPatient#isSuperseded()}.
     * A restricted patient comes without address, telecom and GP practice.
     *
     * @param nhsNumber the patient's NHS number
     * @return the patient with its version
     * @throws uk.nhs.sdk.core.error.ResourceNotFoundException 404 {@code RESOURCE_NOT_FOUND}, or
     *     {@code INVALIDATED_RESOURCE} for an invalidated record
     * @throws uk.nhs.sdk.core.error.BadRequestException 400, such as {@code INVALID_RESOURCE_ID}
     * @throws uk.nhs.sdk.core.error.NhsSdkException for any other failure
     */
    public RetrievedPatient getPatient(NhsNumber nhsNumber) {
        Objects.requireNonNull(nhsNumber, "nhsNumber");
        NhsResponse r = http.execute(NhsRequest.builder("GET", "/Patient/{id}")
                .pathParam("id", nhsNumber.value())
                .idempotency(Idempotency.SAFE)
                .build());
        return retrieved(r, nhsNumber);
    }

    /** Decodes a retrieval's 2xx response: everything {@link #getPatient} does after the call. */
    static RetrievedPatient retrieved(NhsResponse r, NhsNumber nhsNumber) {
        Patient patient = patient(r);
        NhsNumber current = patient.nhsNumber()
                .orElseThrow(() -> new NhsDecodeException(
                        "PDS returned a Patient whose id is not a valid NHS number", r.details(), null));
        return new RetrievedPatient(patient, PdsResponses.version(r, patient), nhsNumber, current, r.requestId());
    }

    /**
     * Searches for patients ({@code GET /Patient?...}).
     *
     * @param search the search, already checked against PDS's rules
     * @return matches with scores, too many matches, or none
     * @throws UnexpectedStatusException status 200 when PDS answers with an OperationOutcome other
     *     than {@code TOO_MANY_MATCHES} (the sandbox does so for searches it has no example for)
     * @throws uk.nhs.sdk.core.error.BadRequestException 400, such as {@code INVALID_SEARCH_DATA}
     * @throws uk.nhs.sdk.core.error.NhsSdkException for any other failure
     */
    public SearchResult search(PatientSearch search) {
        Objects.requireNonNull(search, "search");
        NhsRequest.Builder b = NhsRequest.builder("GET", "/Patient").idempotency(Idempotency.SAFE);
        for (Map.Entry<String, String> q : search.queryParameters()) {
            b.query(q.getKey(), q.getValue());
        }
        return searchResult(http.execute(b.build()));
    }

    /** Decodes a search's 2xx response: everything {@link #search} does after the call. */
    static SearchResult searchResult(NhsResponse r) {
        byte[] bytes = PdsResponses.jsonBody(r);
        Object body;
        try {
            body = PatientDecoder.searchDocument(bytes);
        } catch (InvalidFhir e) {
            throw PdsResponses.decode(r, e);
        }
        String type = PatientDecoder.resourceType(body);
        if ("OperationOutcome".equals(type)) {
            OperationOutcome oo = outcome(r, PdsResponses.tree(r, bytes));
            String code = oo.errorCode().orElse(null);
            if ("TOO_MANY_MATCHES".equals(code)) {
                return new SearchResult.TooManyMatches(r.requestId());
            }
            throw new UnexpectedStatusException(r.status(), code, oo, r.details());
        }
        try {
            if (!"Bundle".equals(type)) {
                throw new InvalidFhir("a search answered neither a Bundle nor an OperationOutcome");
            }
            List<SearchMatch> matches = PatientDecoder.matches(body, bytes);
            return matches.isEmpty()
                    ? new SearchResult.NoMatches(r.requestId())
                    : new SearchResult.Matches(matches, r.requestId());
        } catch (InvalidFhir e) {
            throw PdsResponses.decode(r, e);
        }
    }

    /**
     * Updates a patient ({@code PATCH /Patient/{id}}) with {@code If-Match: W/"<version>"} and
     * {@code Content-Type: application/json-patch+json}.
     *
     * <p>When PDS answers 503 with {@code Retry-After} (the update took longer than its wait; it
     * "does not imply the request has failed"), the same request is sent again after the wait
     * with the same {@code X-Request-ID}, so PDS applies it once.
     *
     * @param nhsNumber the patient's current NHS number (not a superseded one: PDS refuses those)
     * @param version the version the patch was written against ({@link RetrievedPatient#version()})
     * @param patch the changes
     * @return the updated patient and its new version
     * @throws uk.nhs.sdk.core.error.ConflictException 409 {@code RESOURCE_VERSION_MISMATCH}: the
     *     record changed since that version; retrieve it again
     * @throws uk.nhs.sdk.core.error.PreconditionFailedException 412 {@code PRECONDITION_FAILED}
     * @throws uk.nhs.sdk.core.error.ForbiddenException 403, such as {@code FORBIDDEN_UPDATE}
     * @throws uk.nhs.sdk.core.error.BadRequestException 400, such as {@code INVALID_UPDATE}
     * @throws uk.nhs.sdk.core.error.ServerErrorException 503 {@code SERVICE_UNAVAILABLE} when
     *     retries ran out; its {@code requestId()} is the id to resend with
     * @throws uk.nhs.sdk.core.error.NhsTransportException when no answer came (a timeout is
     *     {@link uk.nhs.sdk.core.error.NhsTimeoutException}); {@code outcomeUnknown()} is then
     *     {@code true} and {@code reconcileId()} is the {@code X-Request-ID} to resend with
     * @throws NhsValidationException when the version is negative
     */
    public UpdateResult update(NhsNumber nhsNumber, long version, PatientPatch patch) {
        return update(nhsNumber, version, patch, UUID.randomUUID());
    }

    /**
     * Updates a patient, sending a given {@code X-Request-ID}: use it to resend an update whose
     * outcome is unknown (a timeout, or 503 after the retries) with the id from the exception,
     * so PDS applies it at most once.
     *
     * @param nhsNumber the patient's current NHS number
     * @param version the version the patch was written against
     * @param patch the changes
     * @param requestId the {@code X-Request-ID}
     * @return the updated patient and its new version
     * @throws NhsValidationException when the version is negative
     * @see #update(NhsNumber, long, PatientPatch)
     */
    public UpdateResult update(NhsNumber nhsNumber, long version, PatientPatch patch, UUID requestId) {
        Objects.requireNonNull(nhsNumber, "nhsNumber");
        Objects.requireNonNull(patch, "patch");
        Objects.requireNonNull(requestId, "requestId");
        if (version < 0) {
            throw new NhsValidationException("version", "must be zero or more");
        }
        NhsResponse r = http.execute(NhsRequest.builder("PATCH", "/Patient/{id}")
                .pathParam("id", nhsNumber.value())
                .header("If-Match", "W/\"" + version + "\"")
                .body(NhsRequestBody.ofJson(patch.toJson(), JSON_PATCH))
                .idempotency(Idempotency.KEYED)
                .requestId(requestId.toString())
                .reconcileId(requestId.toString())
                .build());
        Patient patient = patient(r);
        return new UpdateResult(patient, PdsResponses.version(r, patient), r.requestId(), r.attempts());
    }

    /**
     * Updates the record just retrieved: its current NHS number (so a superseded number is never
     * sent) at its version.
     *
     * @param current the retrieved patient
     * @param patch the changes
     * @return the updated patient and its new version
     * @see #update(NhsNumber, long, PatientPatch)
     */
    public UpdateResult update(RetrievedPatient current, PatientPatch patch) {
        Objects.requireNonNull(current, "current");
        return update(current.nhsNumber(), current.version(), patch);
    }

    /**
     * Lists a patient's related people ({@code GET /Patient/{id}/RelatedPerson}). PDS returns
     * none for a restricted patient.
     *
     * @param nhsNumber the patient's NHS number
     * @return an unmodifiable list, possibly empty
     * @throws uk.nhs.sdk.core.error.ResourceNotFoundException 404 {@code RESOURCE_NOT_FOUND} (PDS:
     *     "no related people exist") or {@code INVALIDATED_RESOURCE}
     * @throws uk.nhs.sdk.core.error.NhsSdkException for any other failure
     */
    public List<RelatedPerson> relatedPersons(NhsNumber nhsNumber) {
        Objects.requireNonNull(nhsNumber, "nhsNumber");
        NhsResponse r = http.execute(NhsRequest.builder("GET", "/Patient/{id}/RelatedPerson")
                .pathParam("id", nhsNumber.value())
                .idempotency(Idempotency.SAFE)
                .build());
        JsonNode body = PdsResponses.json(r);
        try {
            if (!"Bundle".equals(body.path("resourceType").asText(""))) {
                throw new InvalidFhir("related people did not come as a Bundle");
            }
            List<RelatedPerson> out = new ArrayList<>();
            for (JsonNode entry : FhirJson.array(body, "entry")) {
                out.add(new RelatedPerson(FhirJson.object(entry, "resource")
                        .orElseThrow(() -> new InvalidFhir("a Bundle entry has no resource"))));
            }
            return List.copyOf(out);
        } catch (InvalidFhir e) {
            throw PdsResponses.decode(r, e);
        }
    }

    static Patient patient(NhsResponse r) {
        byte[] body = PdsResponses.jsonBody(r);
        try {
            return PatientDecoder.patient(body);
        } catch (InvalidFhir e) {
            throw PdsResponses.decode(r, e);
        }
    }

    private static OperationOutcome outcome(NhsResponse r, JsonNode body) {
        return OperationOutcome.parse(FhirJson.write(body).getBytes(StandardCharsets.UTF_8))
                .orElseThrow(() -> new NhsDecodeException(
                        "PDS sent an OperationOutcome that is not as documented", r.details(), null));
    }

    @Override
    public String toString() {
        return "PdsClient[" + http.baseUrl() + "]";
    }

    /**
     * Builds a {@link PdsClient} on the shared {@link NhsClientBuilder} settings (environment or
     * base URL, options, auth, transport, correlation id) plus PDS's own headers. Either
     * {@code environment} or {@code baseUrl} is required ({@code baseUrl} wins); the environment's
     * base URL is its API Platform host plus {@value PdsClient#BASE_PATH} (the public sandbox:
     * {@code https://sandbox.api.service.nhs.uk/personal-demographics/FHIR/R4}).
     *
     * <p>Credentials: {@link uk.nhs.sdk.core.auth.SignedJwtAuth} for application-restricted access
     * (PDS then allows no updates and one search result), a {@link BearerTokenAuth} holding a CIS2
     * or NHS login user's token for user-restricted access, or {@link AuthProvider#none()} (the
     * default) for the open sandbox. PDS does not accept API-key auth: {@link #build()} refuses
     * {@link ApiKeyAuth}. PDS mirrors the {@code X-Correlation-ID} back; avoid {@code .} in it.
     */
    public static final class Builder extends NhsClientBuilder<Builder, PdsClient> {
        private OdsCode endUserOrganisation;
        private String sessionUrid;

        private Builder() {
            super(SERVICE_NAME);
        }

        @Override
        protected URI baseUrlFor(NhsEnvironment environment) {
            return environment.apiBaseUrl(BASE_PATH);
        }

        /**
         * Uses a user-restricted access token, asked for on every attempt so a refreshed token is
         * picked up.
         *
         * @param tokens supplies the current access token
         * @return this builder
         */
        public Builder bearerToken(Supplier<Secret> tokens) {
            return auth(BearerTokenAuth.of(tokens));
        }

        /**
         * Sets the end user's organisation, sent as {@code NHSD-End-User-Organisation-ODS};
         * mandatory for applications serving more than one organisation.
         *
         * @param value the ODS code
         * @return this builder
         */
        public Builder endUserOrganisation(OdsCode value) {
            this.endUserOrganisation = Objects.requireNonNull(value, "endUserOrganisation");
            return this;
        }

        /**
         * Sets the user's role id (URID, also called URPID), sent as {@code NHSD-Session-URID};
         * healthcare worker access only, and it must be valid for the signed-in user.
         *
         * @param value digits only
         * @return this builder
         * @throws NhsValidationException when the value is not digits
         */
        public Builder sessionUrid(String value) {
            Objects.requireNonNull(value, "sessionUrid");
            if (!value.matches("[0-9]+")) {
                throw new NhsValidationException("sessionUrid", "must be digits only");
            }
            this.sessionUrid = value;
            return this;
        }

        /**
         * Builds the client.
         *
         * @return the client
         * @throws NhsConfigurationException when neither a base URL nor an environment is set, or
         *     the auth is {@link ApiKeyAuth}, which PDS does not accept
         */
        @Override
        public PdsClient build() {
            if (auth() instanceof ApiKeyAuth) {
                throw new NhsConfigurationException(SERVICE_NAME + " does not accept API-key authentication: use "
                        + "SignedJwtAuth (application-restricted) or a user's bearer token");
            }
            NhsHttpClient.Builder b = httpClient();
            if (endUserOrganisation != null) {
                b.defaultHeader(END_USER_ORGANISATION_HEADER, endUserOrganisation.value());
            }
            if (sessionUrid != null) {
                b.defaultHeader(SESSION_URID_HEADER, sessionUrid);
            }
            return new PdsClient(b.build());
        }
    }
}

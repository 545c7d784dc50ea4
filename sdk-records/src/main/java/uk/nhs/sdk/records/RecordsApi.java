package uk.nhs.sdk.records;

import java.net.URI;
import java.util.Objects;
import uk.nhs.sdk.core.NhsEnvironment;

/**
 * The record-lookup APIs of the API Platform and their base paths: the National Record Locator
 * (consumer and producer) and the ODS FHIR API. The clients for them build on these URLs.
 */
public enum RecordsApi {
    /** NRL v3 consumer: search and read DocumentReference pointers. */
    NRL_CONSUMER("record-locator/consumer/FHIR/R4"),
    /** NRL v3 producer: create, update and delete pointers. */
    NRL_PRODUCER("record-locator/producer/FHIR/R4"),
    /** The Organisation Data Terminology (ODS) FHIR API. */
    ODS("organisation-data-terminology-api/fhir");

    private final String basePath;

    RecordsApi(String basePath) {
        this.basePath = basePath;
    }

    /**
     * The API's base path below the API Platform host.
     *
     * @return for example {@code record-locator/consumer/FHIR/R4}
     */
    public String basePath() {
        return basePath;
    }

    /**
     * The API's base URL in an environment.
     *
     * @param environment the environment
     * @return the base URL, with no trailing slash
     */
    public URI baseUrl(NhsEnvironment environment) {
        return Objects.requireNonNull(environment, "environment").apiBaseUrl(basePath);
    }
}

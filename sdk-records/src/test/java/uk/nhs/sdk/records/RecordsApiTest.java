package uk.nhs.sdk.records;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.nhs.sdk.core.NhsEnvironment;

/** Base URLs as the NRL and ODS OpenAPI documents' {@code servers} list them. */
class RecordsApiTest {

    @ParameterizedTest
    @CsvSource({
        "NRL_CONSUMER, SANDBOX, https://sandbox.api.service.nhs.uk/record-locator/consumer/FHIR/R4",
        "NRL_PRODUCER, INTEGRATION, https://int.api.service.nhs.uk/record-locator/producer/FHIR/R4",
        "NRL_CONSUMER, PRODUCTION, https://api.service.nhs.uk/record-locator/consumer/FHIR/R4",
        "ODS, SANDBOX, https://sandbox.api.service.nhs.uk/organisation-data-terminology-api/fhir",
        "ODS, PRODUCTION, https://api.service.nhs.uk/organisation-data-terminology-api/fhir"
    })
    void resolvesTheBaseUrls(RecordsApi api, NhsEnvironment env, String expected) {
        assertThat(api.baseUrl(env)).hasToString(expected);
    }
}

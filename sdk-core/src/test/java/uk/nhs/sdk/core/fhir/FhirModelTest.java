package uk.nhs.sdk.core.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.internal.json.Json;

/** Decoding the FHIR basics as NHS APIs send them (shapes from the PDS search examples). */
class FhirModelTest {
    private static final String SEARCH = "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"total\":1,"
            + "\"timestamp\":\"2019-12-25T12:00:00+00:00\",\"entry\":[{\"fullUrl\":"
            + "\"https://api.service.nhs.uk/personal-demographics/FHIR/R4/Patient/9000000009\","
            + "\"search\":{\"score\":0.75},\"resource\":{\"resourceType\":\"Patient\",\"id\":\"9000000009\","
            + "\"identifier\":[{\"system\":\"https://fhir.nhs.uk/Id/nhs-number\",\"value\":\"9000000009\"}],"
            + "\"generalPractitioner\":[{\"id\":\"254406A3\",\"type\":\"Organization\",\"identifier\":"
            + "{\"system\":\"https://fhir.nhs.uk/Id/ods-organization-code\",\"value\":\"Y12345\"}}]}}]}";

    @Test
    void readsABundleWithScoresAndKeepsResourcesAsJson() throws Exception {
        Bundle b = Json.read(SEARCH, Bundle.class);

        assertThat(b.type()).contains("searchset");
        assertThat(b.total()).contains(1);
        assertThat(b.entries()).hasSize(1);
        Bundle.Entry e = b.entries().get(0);
        assertThat(e.searchScore()).contains(0.75);
        assertThat(e.resourceType()).contains("Patient");
        assertThat(e.resourceJson()).get().asString().contains("\"id\":\"9000000009\"");
        assertThat(b.toString()).doesNotContain("9000000009");
        assertThat(e.toString()).doesNotContain("9000000009");
    }

    @Test
    void readsReferencesAndIdentifiersWithoutPrintingThem() throws Exception {
        Reference r = Json.read(
                "{\"type\":\"Organization\",\"identifier\":{\"system\":\"" + Identifier.ODS_CODE_SYSTEM
                        + "\",\"value\":\"Y12345\"}}",
                Reference.class);

        assertThat(r.type()).contains("Organization");
        assertThat(r.identifier().flatMap(Identifier::value)).contains("Y12345");
        Identifier nhs = Identifier.of(Identifier.NHS_NUMBER_SYSTEM, "9000000009");
        assertThat(nhs.toString()).doesNotContain("9000000009");
        assertThat(Json.write(nhs))
                .isEqualTo("{\"system\":\"https://fhir.nhs.uk/Id/nhs-number\"," + "\"value\":\"9000000009\"}");
    }

    @Test
    void writesOnlyPresentFields() {
        assertThat(Json.write(Coding.of("s", "c", null))).isEqualTo("{\"system\":\"s\",\"code\":\"c\"}");
    }
}

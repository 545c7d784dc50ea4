package uk.nhs.sdk.identity.pds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.error.NhsDecodeException;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.fhir.Coding;

/** The model: partial dates, decoding from JSON, immutability and masked {@code toString()}. */
class PatientModelTest {

    @Test
    void partialDatesKeepWhatIsKnown() {
        FhirDate year = FhirDate.parse("1932");
        assertThat(year.year()).isEqualTo(1932);
        assertThat(year.month()).isEmpty();
        assertThat(year.isFullDate()).isFalse();
        assertThat(year.toLocalDate()).isEmpty();
        FhirDate month = FhirDate.parse("1932-01");
        assertThat(month.month()).hasValue(1);
        assertThat(month.day()).isEmpty();
        assertThat(FhirDate.parse("2010-10-22").toLocalDate()).contains(LocalDate.of(2010, 10, 22));
        assertThat(FhirDate.parse("2010-10-22T00:00:00+00:00").toOffsetDateTime())
                .contains(OffsetDateTime.of(2010, 10, 22, 0, 0, 0, 0, ZoneOffset.UTC));
        assertThat(FhirDate.parse("2010-10-22T13:05:00").toOffsetDateTime())
                .contains(OffsetDateTime.of(2010, 10, 22, 13, 5, 0, 0, ZoneOffset.UTC));
        assertThat(FhirDate.of(LocalDate.of(2010, 10, 22))).isEqualTo(FhirDate.parse("2010-10-22"));
        assertThat(FhirDate.parse("2010-10-22").toString()).doesNotContain("2010");
    }

    @Test
    void badDatesAreRefused() {
        assertThatThrownBy(() -> FhirDate.parse("22/10/2010"))
                .isInstanceOf(NhsValidationException.class)
                .hasMessageNotContaining("22/10/2010");
        assertThatThrownBy(() -> FhirDate.parse("2010-02-30")).isInstanceOf(NhsValidationException.class);
        assertThatThrownBy(() -> FhirDate.parse("2010-13")).isInstanceOf(NhsValidationException.class);
        for (String badTime : new String[] {
            "2010-10-22T24:00:00", "2010-10-22T23:60:00", "2010-10-22T23:59:60Z", "2010-10-22T99:00:00+00:00"
        }) {
            assertThatThrownBy(() -> FhirDate.parse(badTime)).as(badTime).isInstanceOf(NhsValidationException.class);
        }
        assertThat(FhirDate.parse("2010-10-22T23:59:59.999-05:30").toOffsetDateTime())
                .contains(java.time.OffsetDateTime.parse("2010-10-22T23:59:59-05:30"));
    }

    @Test
    void aPatientWithAPartialBirthDateDecodes() {
        Patient p = Patient.fromJson("{\"resourceType\":\"Patient\",\"id\":\"9000000009\",\"birthDate\":\"1932\","
                + "\"deceasedDateTime\":\"1990-05\"}");
        assertThat(p.birthDate().map(FhirDate::year)).contains(1932);
        assertThat(p.deceasedDateTime().flatMap(FhirDate::toLocalDate)).isEmpty();
        assertThat(p.isDeceased()).isTrue();
        assertThat(p.sensitivity()).isEqualTo(Sensitivity.UNRESTRICTED);
        assertThat(p.version()).isEmpty();
    }

    @Test
    void aSandboxIdThatIsNotAValidNumberStillDecodes() {
        Patient p = Patient.fromJson(PdsTestData.text("search/PatientCompoundName.json")
                .replaceAll("(?s)^.*?\"resource\":\\s*", "")
                .replaceAll("(?s)}\\s*}\\s*]\\s*}\\s*$", "}"));
        assertThat(p.id()).isEqualTo("9000000015");
        assertThat(p.nhsNumber()).isEmpty();
        assertThat(p.usualName().map(PatientName::given).orElseThrow()).containsExactly("John Paul");
    }

    @Test
    void whatIsNotAPatientIsRefusedWithoutItsContent() {
        assertThatThrownBy(() -> Patient.fromJson("{\"resourceType\":\"Bundle\"}"))
                .isInstanceOf(NhsDecodeException.class)
                .hasMessageContaining("not a Patient");
        assertThatThrownBy(() -> Patient.fromJson("{\"resourceType\":\"Patient\"}"))
                .isInstanceOf(NhsDecodeException.class)
                .hasMessageContaining("no id");
        assertThatThrownBy(() -> Patient.fromJson("{\"resourceType\":\"Patient\",\"id\":\"1\",\"name\":{}}"))
                .isInstanceOf(NhsDecodeException.class)
                .hasMessageContaining("name is not an array");
        assertThatThrownBy(() -> Patient.fromJson(
                        "{\"resourceType\":\"Patient\",\"id\":\"1\"," + "\"meta\":{\"security\":[{\"code\":\"X\"}]}}"))
                .isInstanceOf(NhsDecodeException.class)
                .hasMessageContaining("meta.security");
    }

    @Test
    void listsAreUnmodifiableAndCodesRoundTrip() {
        Patient p = Patient.fromJson(PdsTestData.text("examples/Patient.json"));
        assertThatThrownBy(() -> p.names().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> p.addresses().clear()).isInstanceOf(UnsupportedOperationException.class);
        for (Gender g : Gender.values()) {
            assertThat(Gender.fromCode(g.code())).contains(g);
        }
        for (Sensitivity s : Sensitivity.values()) {
            assertThat(Sensitivity.fromCode(s.code())).contains(s);
        }
        assertThat(Sensitivity.VERY_RESTRICTED.isRestricted()).isTrue();
        assertThat(NameUse.fromCode("USUAL")).contains(NameUse.USUAL);
        assertThat(ContactUse.fromCode("pager")).isEmpty();
    }

    @Test
    void thePartsOfAPatientPrintNoneOfTheirValues() {
        Patient p = Patient.fromJson(PdsTestData.text("examples/Patient.json"));
        OrganisationReference gp = p.generalPractitioner().orElseThrow();
        Communication communication = p.communication().orElseThrow();
        ContactPreference preference = p.contactPreference().orElseThrow();
        DeathNotification death = p.deathNotification().orElseThrow();
        RegistrationRemoval removal = p.removalFromRegistration().orElseThrow();

        assertThat(gp.toString()).doesNotContain(gp.odsCode());
        OrganisationReference pharmacy = p.nominatedPharmacy().orElseThrow();
        assertThat(pharmacy.toString()).doesNotContain(pharmacy.odsCode());
        assertThat(communication.toString())
                .doesNotContain(communication.language().flatMap(Coding::code).orElseThrow())
                .doesNotContain(
                        String.valueOf(communication.interpreterRequired().orElseThrow()));
        assertThat(preference.toString())
                .doesNotContain(preference.writtenFormat().flatMap(Coding::code).orElseThrow())
                .doesNotContain(preference.method().flatMap(Coding::code).orElseThrow());
        assertThat(death.toString())
                .doesNotContain(death.status().flatMap(Coding::code).orElseThrow());
        assertThat(removal.toString())
                .doesNotContain(removal.reason().flatMap(Coding::code).orElseThrow());
    }

    @Test
    void periodsContainTheirDays() {
        Period p = Period.between(LocalDate.of(2024, 1, 1), LocalDate.of(2025, 12, 31));
        assertThat(p.contains(LocalDate.of(2024, 6, 1))).isTrue();
        assertThat(p.contains(LocalDate.of(2026, 1, 1))).isFalse();
        assertThat(Period.starting(LocalDate.of(2024, 1, 1)).contains(LocalDate.of(2030, 1, 1)))
                .isTrue();
        assertThat(p.toString()).doesNotContain("2024");
    }
}

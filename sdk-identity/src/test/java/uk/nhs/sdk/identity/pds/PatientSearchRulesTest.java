package uk.nhs.sdk.identity.pds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.error.NhsValidationException;

/** PDS's search rules, refused before any call; the message names the rule, never the value. */
class PatientSearchRulesTest {
    private static final LocalDate DOB = LocalDate.of(2010, 10, 22);

    private static PatientSearch.Builder valid() {
        return PatientSearch.builder().family("Smith").birthDate(DOB);
    }

    private static NhsValidationException refused(Supplier<PatientSearch> search) {
        NhsValidationException e = catchThrowableOfType(NhsValidationException.class, search::get);
        assertThat(e).as("the search should be refused").isNotNull();
        assertThat(e.attempts()).isZero();
        assertThat(e.getMessage())
                .doesNotContain("Smith")
                .doesNotContain("Jane")
                .doesNotContain("2010");
        return e;
    }

    @Test
    void familyAndBirthDateIsTheNonFuzzyMinimum() {
        assertThat(valid().build().queryParameters())
                .extracting(Map.Entry::getKey)
                .containsExactly("family", "birthdate");
        assertThat(refused(() -> PatientSearch.builder().family("Smith").build())
                        .getMessage())
                .contains("family and birthdate");
        assertThat(refused(() -> PatientSearch.builder()
                                .birthDate(DOB)
                                .given("Jane")
                                .build())
                        .field())
                .isEqualTo("search");
        refused(() -> PatientSearch.builder()
                .email("jane.smith@example.com")
                .phone("01632960587")
                .build());
    }

    @Test
    void aBirthDateRangeSatisfiesTheMinimum() {
        PatientSearch s = PatientSearch.builder()
                .family("Smith")
                .birthDateBetween(LocalDate.of(2010, 10, 21), LocalDate.of(2010, 10, 23))
                .build();
        assertThat(s.queryParameters())
                .extracting(Map.Entry::getValue)
                .containsExactly("Smith", "ge2010-10-21", "le2010-10-23");
        assertThat(PatientSearch.builder()
                        .family("Smith")
                        .birthDateFrom(DOB)
                        .build()
                        .queryParameters())
                .extracting(Map.Entry::getValue)
                .contains("ge2010-10-22");
    }

    @Test
    void aWildcardCannotBeInTheFirstTwoCharacters() {
        assertThat(valid().family("Sm*").build().queryParameters())
                .extracting(Map.Entry::getValue)
                .contains("Sm*");
        assertThat(refused(() -> valid().family("S*").build()).field()).isEqualTo("family");
        assertThat(refused(() -> valid().family("*ith").build()).getMessage()).contains("first two characters");
        assertThat(refused(() -> valid().given("J*").build()).field()).isEqualTo("given");
        assertThat(refused(() -> valid().postcode("L*").build()).field()).isEqualTo("address-postalcode");
        assertThat(valid().postcode("LS*").build().queryParameters())
                .extracting(Map.Entry::getKey)
                .contains("address-postalcode");
    }

    @Test
    void wildcardsAreRefusedInAFuzzySearch() {
        NhsValidationException e = refused(() -> PatientSearch.builder()
                .family("Smi*")
                .given("Jane")
                .birthDate(DOB)
                .fuzzyMatch(true)
                .build());
        assertThat(e.field()).isEqualTo("_fuzzy-match");
        assertThat(e.getMessage()).contains("wildcards");
        refused(() -> PatientSearch.builder()
                .family("Smith")
                .given("Jane")
                .birthDate(DOB)
                .gender(Gender.FEMALE)
                .postcode("LS1*")
                .fuzzyMatch(true)
                .build());
    }

    @Test
    void aFuzzySearchNeedsOneOfTheThreeCombinations() {
        assertThat(PatientSearch.builder()
                        .given("Jane")
                        .family("Smith")
                        .birthDate(DOB)
                        .fuzzyMatch(true)
                        .build()
                        .isFuzzy())
                .isTrue();
        PatientSearch.builder()
                .family("Smith")
                .birthDate(DOB)
                .gender(Gender.FEMALE)
                .postcode("LS1 6AE")
                .fuzzyMatch(true)
                .build();
        PatientSearch.builder()
                .given("Jane")
                .birthDate(DOB)
                .gender(Gender.FEMALE)
                .postcode("LS1 6AE")
                .fuzzyMatch(true)
                .build();
        assertThat(refused(() -> PatientSearch.builder()
                                .family("Smith")
                                .birthDate(DOB)
                                .fuzzyMatch(true)
                                .build())
                        .getMessage())
                .contains("fuzzy search needs");
        refused(() -> PatientSearch.builder()
                .given("Jane")
                .birthDate(DOB)
                .gender(Gender.FEMALE)
                .fuzzyMatch(true)
                .build());
    }

    @Test
    void maxResultsIsOneToFifty() {
        assertThat(valid().maxResults(1).build().queryParameters())
                .extracting(Map.Entry::getValue)
                .contains("1");
        assertThat(valid().maxResults(50).build().queryParameters())
                .extracting(Map.Entry::getValue)
                .contains("50");
        assertThat(refused(() -> valid().maxResults(0).build()).field()).isEqualTo("_max-results");
        assertThat(refused(() -> valid().maxResults(51).build()).getMessage()).contains("between 1 and 50");
    }

    @Test
    void bothPostcodeParametersAreRefused() {
        assertThat(valid().legacyPostcode("LS1 6AE").build().queryParameters())
                .extracting(Map.Entry::getKey)
                .contains("address-postcode");
        NhsValidationException e = refused(
                () -> valid().postcode("LS1 6AE").legacyPostcode("LS1 6AE").build());
        assertThat(e.getMessage()).contains("cannot both be sent");
    }

    @Test
    void exactParametersTakeNoWildcard() {
        assertThat(refused(() -> valid().email("jane*@example.com").build()).field())
                .isEqualTo("email");
        assertThat(refused(() -> valid().phone("0163*").build()).field()).isEqualTo("phone");
    }

    @Test
    void namesAreAtMost35CharactersAndNotBlank() {
        valid().family("A".repeat(35)).build();
        assertThat(refused(() -> valid().family("A".repeat(36)).build()).getMessage())
                .contains("35");
        assertThat(refused(() -> valid().given(" ").build()).getMessage()).contains("blank");
    }

    @Test
    void dateRangesAreOneGeAndOneLeInOrder() {
        refused(() -> valid().birthDateFrom(DOB).build());
        refused(() -> PatientSearch.builder()
                .family("Smith")
                .birthDateBetween(DOB, DOB.minusDays(1))
                .build());
        refused(() -> PatientSearch.builder()
                .family("Smith")
                .birthDateFrom(DOB)
                .birthDateFrom(DOB)
                .build());
        assertThat(refused(() -> PatientSearch.builder()
                                .family("Smith")
                                .birthDate("2010-13-01")
                                .build())
                        .getMessage())
                .contains("calendar date");
        assertThat(refused(() -> PatientSearch.builder()
                                .family("Smith")
                                .birthDate("after2010")
                                .build())
                        .field())
                .isEqualTo("birthdate");
        assertThat(PatientSearch.builder()
                        .family("Smith")
                        .birthDate("2010-10-22")
                        .build()
                        .queryParameters())
                .extracting(Map.Entry::getValue)
                .contains("eq2010-10-22");
    }

    @Test
    void aDeathDateRangeIsAGeAndAnLeValue() {
        PatientSearch s = valid().deathDateBetween(LocalDate.of(2020, 1, 1), LocalDate.of(2020, 1, 31))
                .build();
        assertThat(s.queryParameters())
                .filteredOn(e -> e.getKey().equals("death-date"))
                .extracting(Map.Entry::getValue)
                .containsExactly("ge2020-01-01", "le2020-01-31");
        assertThat(refused(() -> valid().deathDateBetween(DOB, DOB.minusDays(1)).build())
                        .field())
                .isEqualTo("death-date");
    }

    @Test
    void theQueryFollowsTheOpenApiOrder() {
        PatientSearch s = PatientSearch.builder()
                .phone("01632960587")
                .email("a.b@example.com")
                .generalPractitioner(OdsCode.of("Y12345"))
                .postcode("LS1 6AE")
                .deathDate(DOB)
                .birthDate(DOB)
                .gender(Gender.FEMALE)
                .given("Jane")
                .family("Smith")
                .maxResults(5)
                .history(true)
                .exactMatch(true)
                .build();
        assertThat(s.queryParameters())
                .extracting(Map.Entry::getKey)
                .containsExactly(
                        "_exact-match",
                        "_history",
                        "_max-results",
                        "family",
                        "given",
                        "gender",
                        "birthdate",
                        "death-date",
                        "address-postalcode",
                        "general-practitioner",
                        "email",
                        "phone");
    }

    @Test
    void toStringNamesParametersButNoValues() {
        PatientSearch s = valid().given("Jane").build();
        assertThat(s.toString()).isEqualTo("PatientSearch[family, given, birthdate]");
        assertThat(s.toString()).doesNotContain("Smith").doesNotContain("2010");
        assertThatThrownBy(() -> valid().family(null)).isInstanceOf(NullPointerException.class);
    }
}

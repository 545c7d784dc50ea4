package uk.nhs.sdk.records.ods;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.auth.BearerTokenAuth;
import uk.nhs.sdk.core.error.NhsConfigurationException;
import uk.nhs.sdk.core.error.NhsValidationException;

/** Bad input fails with NhsValidationException naming the rule, before any call. */
class OdsValidationTest extends OdsWireMockTest {

    private static NhsValidationException refused(Consumer<OdsSearch.Builder> step) {
        return catchThrowableOfType(NhsValidationException.class, () -> step.accept(OdsSearch.builder()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Le", "St James's", "name;drop", "<script>", "tab\there"})
    void namesOutsideTheRuleAreRefused(String name) {
        for (Consumer<OdsSearch.Builder> step : java.util.List.<Consumer<OdsSearch.Builder>>of(
                b -> b.name(name), b -> b.nameContains(name), b -> b.nameExact(name))) {
            NhsValidationException e = refused(step);
            assertThat(e.field()).startsWith("name");
            assertThat(e).hasMessageContaining("3 to 100 characters").hasMessageNotContaining(name);
        }
    }

    @Test
    void aNameOfOneHundredAndOneCharactersIsRefusedAndOneHundredAllowed() {
        assertThat(refused(b -> b.name("A".repeat(101)))).isNotNull();
        assertThat(OdsSearch.builder().name("A".repeat(100)).build().parameters())
                .hasSize(1);
        assertThat(OdsSearch.builder()
                        .nameExact("ST. JAMES\u2019S (LEEDS) & CO-OP/ONE: A@B_C+D")
                        .build()
                        .parameters())
                .hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"L", "LS1-4DZ", "LS1_4", ""})
    void postcodesAndCitiesOutsideTheRuleAreRefused(String value) {
        assertThat(refused(b -> b.postcode(value)).field()).isEqualTo("address-postalcode");
        assertThat(refused(b -> b.postcodeContains(value)).field()).isEqualTo("address-postalcode:contains");
        assertThat(refused(b -> b.postcodeExact(value)).field()).isEqualTo("address-postalcode:exact");
        assertThat(refused(b -> b.city(value)).field()).isEqualTo("address-city");
        assertThat(refused(b -> b.cityContains(value)).field()).isEqualTo("address-city:contains");
        assertThat(refused(b -> b.cityExact(value)).field()).isEqualTo("address-city:exact");
    }

    @ParameterizedTest
    @ValueSource(strings = {"76", "R076", "RO", "RO12345", "XX76", "RO7,RO8"})
    void malformedRoleCodesAreRefused(String code) {
        NhsValidationException e = catchThrowableOfType(NhsValidationException.class, () -> OdsRole.of(code));
        assertThat(e.field()).isEqualTo("roleCode");
        assertThat(e).hasMessageContaining("RO followed by 1 to 4 digits");
    }

    @Test
    void unknownRoleCodesAreKeptAndKnownOnesNamed() {
        OdsRole unknown = OdsRole.of("ro999");
        assertThat(unknown.code()).isEqualTo("RO999");
        assertThat(unknown.isKnown()).isFalse();
        assertThat(unknown.display()).isEmpty();
        assertThat(unknown.primary()).isEmpty();
        assertThat(OdsRole.of("RO76")).isSameAs(OdsRole.GP_PRACTICE);
        assertThat(OdsRole.GP_PRACTICE.primary()).contains(false);
        assertThat(OdsRole.known()).contains(OdsRole.PRESCRIBING_COST_CENTRE, OdsRole.NHS_TRUST);
        assertThat(OdsRelationship.of("RE4", null)).isEqualTo(OdsRelationship.IS_COMMISSIONED_BY);
        assertThat(OdsRelationship.of("RE99", "IS SOMETHING").display()).contains("IS SOMETHING");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-30", "gt2024-13-01", "ge2024-01-01", "2024/01/01", "gt", "yesterday"})
    void malformedLastChangeDatesAreRefused(String expression) {
        NhsValidationException e = refused(b -> b.lastChangeDate(expression));
        assertThat(e.field()).isEqualTo("lastChangeDate");
    }

    @Test
    void lastChangeDateExpressionsBecomeTheApisForm() {
        OdsSearch s = OdsSearch.builder()
                .lastChangeDate("gt2024-01-31")
                .lastChangeDate("eq2024-02-01")
                .lastChangeDate("2024-02-02")
                .lastChangedOn(LocalDate.of(2024, 2, 3))
                .build();
        assertThat(s.parameters())
                .extracting(java.util.Map.Entry::getValue)
                .containsExactly("gt2024-01-31", "2024-02-01", "2024-02-02", "2024-02-03");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 1001})
    void pageSizesOutOfRangeAreRefused(int size) {
        assertThat(refused(b -> b.pageSize(size)).field()).isEqualTo("pageSize");
        assertThatThrownBy(() -> AffiliationSearch.builder().pageSize(size)).isInstanceOf(NhsValidationException.class);
        assertThatThrownBy(() -> OdsMirror.builder().pageSize(size)).isInstanceOf(NhsValidationException.class);
    }

    @Test
    void anAffiliationSearchNeedsAnOrganisation() {
        NhsValidationException e = catchThrowableOfType(
                NhsValidationException.class,
                () -> AffiliationSearch.builder().active(true).build());
        assertThat(e).hasMessageContaining("primary or a participating organisation");
    }

    @Test
    void anEmptyRoleListIsRefused() {
        assertThat(refused(b -> b.anyRole()).field()).isEqualTo("roleCode");
        assertThat(refused(b -> b.anyActiveRole()).field()).isEqualTo("activeRoleCode");
    }

    @Test
    void malformedOdsCodesAreRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> client().read(OdsCode.of("R/8"))).isInstanceOf(NhsValidationException.class);
        assertThatThrownBy(() -> OdsCode.of("XY")).isInstanceOf(NhsValidationException.class);
        assertThat(server.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void odsRefusesBearerTokenAuthAtBuildTime() {
        assertThatThrownBy(() -> builder()
                        .auth(BearerTokenAuth.of(() -> Secret.of("token")))
                        .build())
                .isInstanceOf(NhsConfigurationException.class)
                .hasMessageContaining("API-key");
    }
}

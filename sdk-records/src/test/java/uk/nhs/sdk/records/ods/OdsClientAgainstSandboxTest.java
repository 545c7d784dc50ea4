package uk.nhs.sdk.records.ods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.nhs.sdk.core.CircuitBreakerOptions;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.RateLimitOptions;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.error.ResourceNotFoundException;
import uk.nhs.sdk.core.error.UnauthorizedException;
import uk.nhs.sdk.core.testing.LogGuard;
import uk.nhs.sdk.core.testing.RecordingSleeper;
import uk.nhs.sdk.records.RecordsApi;
import uk.nhs.sdk.testkit.NhsSandbox;
import uk.nhs.sdk.testkit.NhsSandboxExtension;
import uk.nhs.sdk.testkit.SandboxOds;

/** The client against the embedded sandbox's ODS fake. */
@ExtendWith(NhsSandboxExtension.class)
class OdsClientAgainstSandboxTest {

    private static OdsClient.Builder builder(NhsSandbox sandbox) {
        LogGuard.forbid(sandbox.application().apiKey().reveal());
        return OdsClient.builder()
                .baseUrl(sandbox.apiBaseUrl(RecordsApi.ODS.basePath()))
                .options(NhsClientOptions.builder()
                        .sleeper(new RecordingSleeper())
                        .circuitBreaker(CircuitBreakerOptions.disabled())
                        .rateLimit(RateLimitOptions.perSecond(100_000, Duration.ZERO))
                        .build());
    }

    private static OdsClient ods(NhsSandbox sandbox) {
        return builder(sandbox).apiKey(sandbox.application().apiKey()).build();
    }

    @Test
    void readsTheNrlSandboxCustodians(NhsSandbox sandbox) {
        try (OdsClient ods = ods(sandbox)) {
            for (String code : List.of("Y05868", "RJ11", "8J008", "RY26A", "RM559")) {
                Organization o = ods.read(OdsCode.of(code));
                assertThat(o.odsCode().value()).isEqualTo(code);
                assertThat(o.primaryRole()).as(code).isPresent();
                assertThat(o.lastChangeDate()).isPresent();
            }
        }
    }

    @Test
    void pagesThroughEveryMatchOnePageAtATime(NhsSandbox sandbox) {
        SandboxOds.of(sandbox).generatedOrganisations(100);
        try (OdsClient ods = ods(sandbox)) {
            OdsSearch pharmacies =
                    OdsSearch.builder().anyRole(OdsRole.PHARMACY).pageSize(7).build();

            List<OdsPage<Organization>> pages = ods.search(pharmacies).collect(Collectors.toList());

            assertThat(pages).hasSize(4);
            assertThat(pages.stream().mapToInt(p -> p.items().size()).sum())
                    .isEqualTo(25)
                    .isEqualTo(ods.count(pharmacies));
            assertThat(pages.get(0).total()).contains(25);
            assertThat(ods.organizations(pharmacies)
                            .map(o -> o.odsCode().value())
                            .distinct()
                            .count())
                    .isEqualTo(25);
        }
    }

    @Test
    void readsAffiliationsAndDeletions(NhsSandbox sandbox) {
        try (OdsClient ods = ods(sandbox)) {
            assertThat(ods.affiliations(AffiliationSearch.builder()
                                    .participatingOrganization(OdsCode.of("Q72"))
                                    .build())
                            .flatMap(p -> p.items().stream())
                            .map(OrganizationAffiliation::id))
                    .containsExactly("383689");
            assertThat(ods.deletions(DeletionList.Kind.ORGANIZATION).entries()).hasSize(2);
            assertThat(ods.deletions(DeletionList.Kind.ORGANIZATION_ROLE).entries())
                    .isEmpty();
        }
    }

    @Test
    void anUnknownCodeIsNotFoundAndAWrongKeyUnauthorized(NhsSandbox sandbox) {
        try (OdsClient ods = ods(sandbox);
                OdsClient wrong =
                        builder(sandbox).apiKey(Secret.of("not-a-key")).build()) {
            ResourceNotFoundException e =
                    catchThrowableOfType(ResourceNotFoundException.class, () -> ods.read(OdsCode.of("XYZ123")));
            assertThat(e.errorCode()).contains("HAPI-2001");
            assertThat(catchThrowableOfType(UnauthorizedException.class, () -> wrong.read(OdsCode.of("RR8")))
                            .status())
                    .isEqualTo(401);
        }
    }
}

package uk.nhs.sdk.identity.pds;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static uk.nhs.sdk.identity.pds.PdsTestData.captured;
import static uk.nhs.sdk.identity.pds.PdsTestData.fhir;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.error.BadRequestException;
import uk.nhs.sdk.core.error.UnexpectedStatusException;

/** {@code GET /Patient?...} against the captured sandbox exchanges and stubs. */
class PdsSearchTest extends PdsWireMockTest {

    private static PatientSearch basic() {
        return PatientSearch.builder()
                .family("Smith")
                .gender(Gender.FEMALE)
                .birthDate(LocalDate.of(2010, 10, 22))
                .email("jane.smith@example.com")
                .phone("01632960587")
                .build();
    }

    @Test
    void aBasicSearchReturnsScoredMatches() {
        server.stubFor(get(urlPathEqualTo(path("/Patient"))).willReturn(captured("search-basic")));

        SearchResult r = client().search(basic());

        assertThat(r).isInstanceOf(SearchResult.Matches.class);
        SearchResult.Matches m = (SearchResult.Matches) r;
        assertThat(m.matches()).hasSize(1);
        assertThat(m.best().score()).isEqualTo(1.0);
        assertThat(m.best().patient().nhsNumber()).contains(FULL);
        assertThat(m.best().patient().usualName().flatMap(PatientName::family)).contains("Smith");
        assertThat(m.requestId()).matches(UUID_PATTERN);
    }

    @Test
    void sendsEveryParameterByItsPdsNameWithRepeatsAndRanges() {
        server.stubFor(get(urlPathEqualTo(path("/Patient"))).willReturn(captured("search-basic")));
        PatientSearch q = PatientSearch.builder()
                .family("Smith")
                .given("John Paul", "James")
                .gender(Gender.MALE)
                .birthDateBetween(LocalDate.of(2010, 10, 21), LocalDate.of(2010, 10, 23))
                .deathDate("le2020-01-01")
                .postcode("LS1 6AE")
                .generalPractitioner(OdsCode.of("y12345"))
                .email("johnp.smith@example.com")
                .phone("01632960587")
                .history(true)
                .exactMatch(true)
                .maxResults(10)
                .build();

        client().search(q);

        LoggedRequest req = server.findAll(getRequestedFor(urlPathEqualTo(path("/Patient"))))
                .get(0);
        assertThat(req.queryParameter("family").values()).containsExactly("Smith");
        assertThat(req.queryParameter("given").values()).containsExactly("John Paul", "James");
        assertThat(req.queryParameter("gender").values()).containsExactly("male");
        assertThat(req.queryParameter("birthdate").values()).containsExactly("ge2010-10-21", "le2010-10-23");
        assertThat(req.queryParameter("death-date").values()).containsExactly("le2020-01-01");
        assertThat(req.queryParameter("address-postalcode").values()).containsExactly("LS1 6AE");
        assertThat(req.queryParameter("general-practitioner").values()).containsExactly("Y12345");
        assertThat(req.queryParameter("email").values()).containsExactly("johnp.smith@example.com");
        assertThat(req.queryParameter("phone").values()).containsExactly("01632960587");
        assertThat(req.queryParameter("_history").values()).containsExactly("true");
        assertThat(req.queryParameter("_exact-match").values()).containsExactly("true");
        assertThat(req.queryParameter("_max-results").values()).containsExactly("10");
        assertThat(req.queryParameter("_fuzzy-match").isPresent()).isFalse();
        assertThat(req.queryParameter("address-postcode").isPresent()).isFalse();
        assertThat(req.getUrl()).contains("given=John%20Paul&given=James");
    }

    @Test
    void aFuzzySearchSendsTheFlag() {
        server.stubFor(get(urlPathEqualTo(path("/Patient"))).willReturn(captured("search-fuzzy")));

        SearchResult r = client().search(PatientSearch.builder()
                .family("Smith")
                .given("Jane")
                .gender(Gender.FEMALE)
                .birthDate("eq2010-10-22")
                .fuzzyMatch(true)
                .build());

        assertThat(r.matches()).hasSize(1);
        server.verify(getRequestedFor(urlPathEqualTo(path("/Patient")))
                .withQueryParam("_fuzzy-match", equalTo("true"))
                .withQueryParam("birthdate", equalTo("eq2010-10-22")));
    }

    @Test
    void aWildcardSearchKeepsTheSandboxOrderBestFirst() {
        server.stubFor(get(urlPathEqualTo(path("/Patient"))).willReturn(captured("search-wildcard")));

        SearchResult r = client().search(PatientSearch.builder()
                .family("Sm*")
                .gender(Gender.FEMALE)
                .birthDate(LocalDate.of(2010, 10, 22))
                .build());

        assertThat(r.matches()).hasSize(2);
        List<Double> scores = r.matches().stream().map(SearchMatch::score).toList();
        assertThat(scores).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        server.verify(getRequestedFor(urlPathEqualTo(path("/Patient"))).withQueryParam("family", equalTo("Sm*")));
    }

    @Test
    void aManyEntryResultKeepsEveryScore() {
        server.stubFor(
                get(urlPathEqualTo(path("/Patient"))).willReturn(fhir(200, "search/fuzzy_multimatch_searchset.json")));

        SearchResult r = client().search(basic());

        assertThat(r.matches()).hasSize(20);
        assertThat(r.matches().get(0).score()).isEqualTo(0.8827);
        assertThat(r.matches().get(19).score()).isEqualTo(0.8716);
    }

    @Test
    void aRestrictedMatchHasItsLocationRemoved() {
        server.stubFor(get(urlPathEqualTo(path("/Patient"))).willReturn(captured("search-restricted")));

        SearchResult r = client().search(PatientSearch.builder()
                .family("Smythe")
                .given("Janet")
                .birthDate(LocalDate.of(2005, 6, 16))
                .build());

        Patient p = r.matches().get(0).patient();
        assertThat(p.sensitivity()).isEqualTo(Sensitivity.RESTRICTED);
        assertThat(p.addresses()).isEmpty();
        assertThat(p.telecom()).isEmpty();
    }

    @Test
    void tooManyMatchesIsAnOkStatusOperationOutcome() {
        server.stubFor(get(urlPathEqualTo(path("/Patient"))).willReturn(captured("search-too-many-matches")));

        SearchResult r = client().search(basic());

        assertThat(r).isInstanceOf(SearchResult.TooManyMatches.class);
        assertThat(r.matches()).isEmpty();
    }

    @Test
    void tooManyMatchesFromTheLiveProxyToo() {
        server.stubFor(
                get(urlPathEqualTo(path("/Patient"))).willReturn(fhir(200, "proxy-errors/too_many_matches.json")));

        assertThat(client().search(basic())).isInstanceOf(SearchResult.TooManyMatches.class);
    }

    @Test
    void anEmptyBundleIsNoMatches() {
        server.stubFor(get(urlPathEqualTo(path("/Patient")))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/fhir+json")
                        .withBody("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"total\":0}")));

        SearchResult r = client().search(basic());

        assertThat(r).isInstanceOf(SearchResult.NoMatches.class);
        assertThat(r.matches()).isEmpty();
    }

    @Test
    void theSandboxNoExampleWarningIsAnUnexpectedOkStatus() {
        server.stubFor(get(urlPathEqualTo(path("/Patient"))).willReturn(fhir(200, "errors/NOT_SUPPORTED_SEARCH.json")));

        UnexpectedStatusException e =
                catchThrowableOfType(UnexpectedStatusException.class, () -> client().search(basic()));

        assertThat(e.status()).isEqualTo(200);
        assertThat(e.operationOutcome().orElseThrow().issues().get(0).code()).contains("not-supported");
        assertThat(e.getMessage()).doesNotContain("mock endpoint");
    }

    @Test
    void anUnknownParameterIsABadRequest() {
        server.stubFor(get(urlPathEqualTo(path("/Patient"))).willReturn(captured("search-unknown-param")));

        BadRequestException e = catchThrowableOfType(BadRequestException.class, () -> client().search(basic()));

        assertThat(e.errorCode()).contains("ADDITIONAL_PROPERTIES");
        assertThat(e.getMessage()).doesNotContain("foo");
    }

    @Test
    void aMissingBirthDateIsABadRequest() {
        server.stubFor(get(urlPathEqualTo(path("/Patient"))).willReturn(captured("search-missing-birthdate")));

        BadRequestException e = catchThrowableOfType(BadRequestException.class, () -> client().search(basic()));

        assertThat(e.errorCode()).contains("MISSING_VALUE");
    }

    @Test
    void aSearchEntryWithoutAScoreIsADecodeError() {
        server.stubFor(get(urlPathEqualTo(path("/Patient")))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/fhir+json")
                        .withBody("{\"resourceType\":\"Bundle\","
                                + "\"entry\":[{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"9000000009\"}}]}")));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client().search(basic()))
                .isInstanceOf(uk.nhs.sdk.core.error.NhsDecodeException.class)
                .hasMessageContaining("search.score");
    }
}

package uk.nhs.sdk.examples.pds;

import java.time.LocalDate;
import java.util.Locale;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.error.ForbiddenException;
import uk.nhs.sdk.examples.demo.DemoContext;
import uk.nhs.sdk.examples.demo.DemoStep;
import uk.nhs.sdk.identity.pds.PatientName;
import uk.nhs.sdk.identity.pds.PatientPatch;
import uk.nhs.sdk.identity.pds.PatientSearch;
import uk.nhs.sdk.identity.pds.PdsClient;
import uk.nhs.sdk.identity.pds.RetrievedPatient;
import uk.nhs.sdk.identity.pds.SearchMatch;
import uk.nhs.sdk.identity.pds.SearchResult;

/**
 * The Personal Demographics Service with the application-restricted token of the API Platform
 * step: retrieve a patient, find them by search, see "too many matches" (one result at most), see
 * an update refused as the real PDS refuses it (updates run as a signed-in user: the sign-in step
 * does one as a CIS2 clinician), and follow a superseded number.
 */
public final class PdsDemoStep implements DemoStep {
    /**
     * Creates the step.
     */
    public PdsDemoStep() {}

    @Override
    public String title() {
        return "Personal Demographics Service: retrieve, search, and what application-restricted access may not do";
    }

    @Override
    public void run(DemoContext demo) {
        try (PdsClient pds = PdsClient.builder()
                .baseUrl(demo.sandbox().pdsBaseUrl())
                .options(demo.options())
                .auth(demo.auth())
                .build()) {
            run(demo, pds);
        }
    }

    private static void run(DemoContext demo, PdsClient pds) {
        NhsNumber nhsNumber = NhsNumber.parse("9000000009");

        RetrievedPatient p = pds.getPatient(nhsNumber);
        String name = p.patient().usualName().map(PdsText::name).orElse("(no usual name)");
        demo.say("GET /Patient/" + nhsNumber.value() + ": " + name + ", born "
                + p.patient().birthDate().map(PdsText::date).orElse("?") + ", version " + p.version() + " ("
                + p.sensitivity().name().toLowerCase(Locale.ROOT) + ")");

        SearchResult found = pds.search(PatientSearch.builder()
                .family("Smith")
                .given("Jane")
                .birthDate(LocalDate.of(2010, 10, 22))
                .build());
        if (!(found instanceof SearchResult.Matches)) {
            throw new IllegalStateException("the sandbox's search for its own patient answered " + found);
        }
        SearchMatch best = ((SearchResult.Matches) found).best();
        demo.say("search family=Smith given=Jane birthdate=eq2010-10-22: "
                + found.matches().size() + " match(es), "
                + "best " + best.patient().nhsNumber().map(NhsNumber::formatted).orElse("?")
                + " with score " + best.score());
        SearchResult many = pds.search(PatientSearch.builder()
                .family("Sm*")
                .birthDate(LocalDate.of(2010, 10, 22))
                .maxResults(1)
                .build());
        demo.say("search family=Sm* with _max-results=1: "
                + (many instanceof SearchResult.TooManyMatches
                        ? "too many matches (HTTP 200 TOO_MANY_MATCHES)"
                        : many.matches().size() + " match(es)"));

        PatientName usual = p.patient().usualName().orElseThrow();
        int index = p.patient().names().indexOf(usual);
        try {
            pds.update(
                    p,
                    PatientPatch.builder()
                            .replace("/name/" + index + "/id", usual.id().orElseThrow())
                            .replace("/name/" + index + "/given/0", "Janet")
                            .build());
            demo.say("PATCH with the application-restricted token: applied (unexpected)");
        } catch (ForbiddenException e) {
            demo.say("PATCH with the application-restricted token: refused, " + e.status() + " "
                    + e.errorCode().orElse("?") + " (PDS takes updates from a signed-in user only)");
        }

        RetrievedPatient merged = pds.getPatient(NhsNumber.parse("9000000041"));
        demo.say("GET /Patient/9000000041: superseded=" + merged.isSuperseded() + ", the record is now "
                + merged.nhsNumber().formatted());
    }
}

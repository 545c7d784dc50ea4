package uk.nhs.sdk.reliability.hostile;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.error.NhsDecodeException;
import uk.nhs.sdk.core.error.NhsSdkException;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.identity.pds.AddressUse;
import uk.nhs.sdk.identity.pds.ContactSystem;
import uk.nhs.sdk.identity.pds.ContactUse;
import uk.nhs.sdk.identity.pds.FhirDate;
import uk.nhs.sdk.identity.pds.Gender;
import uk.nhs.sdk.identity.pds.NameUse;
import uk.nhs.sdk.identity.pds.Patient;
import uk.nhs.sdk.identity.pds.PatientPatch;
import uk.nhs.sdk.identity.pds.PatientSearch;
import uk.nhs.sdk.identity.pds.PdsClient;
import uk.nhs.sdk.identity.pds.Sensitivity;

/**
 * Hostile input to PDS: the search builder, the patch builder, FHIR dates, Patient resources
 * (read directly and as a retrieval's body and ETag) and search Bundles, and the code lookups.
 */
class PdsHostileTest {
    private static final NhsNumber PATIENT = NhsNumber.parse("9000000009");
    private static final String PATIENT_JSON = HostileJson.write(HostileJson.resource("Patient.json"));
    private static final String BUNDLE_JSON = HostileJson.write(HostileJson.resource("PatientSearch.json"));
    private static final Served SERVED = new Served();
    private static final PdsClient CLIENT = PdsClient.builder()
            .baseUrl(Served.BASE)
            .options(SERVED.options())
            .bearerToken(() -> Secret.of("hostile-input-token"))
            .build();

    @AfterContainer
    static void done() {
        CLIENT.close();
        Outcomes.finished(PdsHostileTest.class);
    }

    private static final List<String> NAMES = List.of("Smith", "Sm*", "O'Brien", "Smith-Jones", "Jane", "John Paul");
    private static final List<String> POSTCODES = List.of("LS1 6AE", "LS16AE", "ls1 6ae");
    private static final List<String> EMAILS = List.of("jane.smith@example.com");
    private static final List<String> PHONES = List.of("01632960587", "+441632960587");
    private static final List<String> DATES = List.of("eq2010-10-22", "ge2010-10-22", "le2011-01-01", "2010-10-22");

    @Provide
    Arbitrary<String> searchValue() {
        return HostileStrings.around(List.of(
                "Smith",
                "Sm*",
                "Jane",
                "LS1 6AE",
                "jane.smith@example.com",
                "01632960587",
                "eq2010-10-22",
                "2010-10-22",
                "ge2010-10-22"));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED, seed = "1311")
    void patientSearchBuilder(@ForAll("searchValue") String input, @ForAll @IntRange(min = 0, max = 6) int field) {
        List<String> valid = switch (field) {
            case 0, 1 -> NAMES;
            case 2 -> POSTCODES;
            case 3 -> EMAILS;
            case 4 -> PHONES;
            default -> DATES;
        };
        Outcomes.Input in = Outcomes.Input.of(input).mustBeAccepted(valid.contains(input));
        Outcomes.attempt(
                "sdk-identity `PatientSearch.Builder`",
                in,
                () -> {
                    PatientSearch.Builder b =
                            PatientSearch.builder().family("Smith").gender(Gender.FEMALE);
                    if (field != 5) {
                        b.birthDate(LocalDate.of(2010, 10, 22));
                    }
                    switch (field) {
                        case 0 -> b.family(input);
                        case 1 -> b.given(input);
                        case 2 -> b.postcode(input);
                        case 3 -> b.email(input);
                        case 4 -> b.phone(input);
                        case 5 -> b.birthDate(input);
                        default -> b.deathDate(input);
                    }
                    return Outcomes.notEchoed(b.build().toString(), in);
                },
                NhsValidationException.class);
    }

    @Provide
    Arbitrary<String> patchValue() {
        return HostileStrings.around(List.of(
                "/name/0/given/0",
                "/address/0/line/1",
                "Jane",
                "\"Jane\"",
                "{\"use\":\"home\"}",
                "[1,2]",
                "/telecom/-"));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED, seed = "1312")
    void patientPatchBuilder(@ForAll("patchValue") String input, @ForAll @IntRange(min = 0, max = 5) int op) {
        Outcomes.Input in = Outcomes.Input.of(input);
        Outcomes.attempt(
                "sdk-identity `PatientPatch.Builder`",
                in,
                () -> {
                    PatientPatch.Builder b = PatientPatch.builder();
                    switch (op) {
                        case 0 -> b.replace(input, "Jane");
                        case 1 -> b.add("/name/0/given/-", input);
                        case 2 -> b.replaceJson("/name/0/period", input);
                        case 3 -> b.testJson(input, "{\"use\":\"home\"}");
                        case 4 -> b.remove(input);
                        default -> b.removeExtension(0, input);
                    }
                    // paths are printed (structure, never values); values and extension URLs never
                    String text = b.build().toString();
                    return op == 1 || op == 2 || op == 5 ? Outcomes.notEchoed(text, in) : text;
                },
                NhsValidationException.class);
    }

    @Provide
    Arbitrary<String> fhirDate() {
        return HostileStrings.around(List.of(
                "2010",
                "2010-10",
                "2010-10-22",
                "2010-10-22T10:11:12Z",
                "2010-10-22T10:11:12+01:00",
                "2010-10-22T10:11:12.123-05:30",
                "2024-02-29"));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED, seed = "1313")
    void fhirDate(@ForAll("fhirDate") String input) {
        boolean valid = List.of(
                        "2010",
                        "2010-10",
                        "2010-10-22",
                        "2010-10-22T10:11:12Z",
                        "2010-10-22T10:11:12+01:00",
                        "2010-10-22T10:11:12.123-05:30",
                        "2024-02-29")
                .contains(input);
        Outcomes.attempt(
                "sdk-identity `FhirDate.parse`",
                Outcomes.Input.of(input).mustBeAccepted(valid),
                () -> FhirDate.parse(input),
                NhsValidationException.class);
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED, seed = "1314")
    void patientFromJson(@ForAll long seed) {
        Outcomes.Input input = HostileJson.document(seed, () -> (HostileJson.Obj) HostileJson.parse(PATIENT_JSON), 5);
        Outcomes.attempt(
                "sdk-identity `Patient.fromJson`",
                input,
                () -> PrivacyText.check(Patient.fromJson(input.text()).toString()),
                NhsDecodeException.class);
    }

    @Provide
    Arbitrary<String> etag() {
        return HostileStrings.around(List.of("W/\"2\"", "\"2\"", "2"));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED, seed = "1315")
    void getPatientBody(@ForAll long seed, @ForAll("etag") String etag) {
        boolean hostileHeader = seed % 4 == 0;
        Outcomes.Input input = hostileHeader
                ? new Outcomes.Input(etag, List.of(), false)
                : HostileJson.document(seed, () -> (HostileJson.Obj) HostileJson.parse(PATIENT_JSON), 5);
        SERVED.serve(
                200,
                "application/fhir+json",
                hostileHeader ? PATIENT_JSON : input.text(),
                "ETag",
                hostileHeader ? etag : "W/\"2\"");
        Outcomes.attempt(
                "sdk-identity `PdsClient.getPatient` (body and ETag)",
                input,
                () -> PrivacyText.check(CLIENT.getPatient(PATIENT).toString()),
                NhsSdkException.class);
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED, seed = "1316")
    void searchBundle(@ForAll long seed) {
        Outcomes.Input input = HostileJson.document(seed, () -> (HostileJson.Obj) HostileJson.parse(BUNDLE_JSON), 5);
        SERVED.serve(200, "application/fhir+json", input.text());
        PatientSearch search = PatientSearch.builder()
                .family("Smith")
                .gender(Gender.FEMALE)
                .birthDate(LocalDate.of(2010, 10, 22))
                .build();
        Outcomes.attempt(
                "sdk-identity `PdsClient.search` (Bundle body)",
                input,
                () -> PrivacyText.check(CLIENT.search(search).toString()),
                NhsSdkException.class);
    }

    @Provide
    Arbitrary<String> code() {
        return HostileStrings.around(List.of(
                "male",
                "female",
                "other",
                "unknown",
                "home",
                "work",
                "temp",
                "old",
                "billing",
                "mobile",
                "phone",
                "email",
                "fax",
                "official",
                "usual",
                "nickname",
                "U",
                "R",
                "V",
                "REDACTED"));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED, seed = "1317")
    void codeLookups(@ForAll("code") String input) {
        List<Function<String, Object>> lookups = List.of(
                Gender::fromCode,
                AddressUse::fromCode,
                ContactUse::fromCode,
                ContactSystem::fromCode,
                NameUse::fromCode,
                Sensitivity::fromCode);
        Outcomes.attempt(
                "sdk-identity code lookups (`Gender`, `AddressUse`, `ContactUse`, `ContactSystem`, `NameUse`,"
                        + " `Sensitivity` `.fromCode`)",
                Outcomes.Input.of(input),
                () -> {
                    for (Function<String, Object> f : lookups) {
                        f.apply(input);
                    }
                    return null;
                });
    }
}

package uk.nhs.sdk.reliability.hostile;

import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.auth.BearerTokenAuth;
import uk.nhs.sdk.core.error.NhsDecodeException;
import uk.nhs.sdk.core.error.NhsSdkException;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.records.nrl.ContentFormat;
import uk.nhs.sdk.records.nrl.ContentStability;
import uk.nhs.sdk.records.nrl.DocumentReference;
import uk.nhs.sdk.records.nrl.NrlConsumerClient;
import uk.nhs.sdk.records.nrl.NrlErrorCode;
import uk.nhs.sdk.records.nrl.PointerCategory;
import uk.nhs.sdk.records.nrl.PointerContent;
import uk.nhs.sdk.records.nrl.PointerContext;
import uk.nhs.sdk.records.nrl.PointerSearch;
import uk.nhs.sdk.records.nrl.PointerType;
import uk.nhs.sdk.records.nrl.RelatesTo;
import uk.nhs.sdk.records.nrl.RetrievalMechanism;
import uk.nhs.sdk.records.ods.OdsClient;
import uk.nhs.sdk.records.ods.OdsRelationship;
import uk.nhs.sdk.records.ods.OdsRole;
import uk.nhs.sdk.records.ods.OdsSearch;
import uk.nhs.sdk.records.ods.Organization;

/**
 * Hostile input to the records services: NRL DocumentReferences (read directly, as a read's body
 * and in a search Bundle), pointer ids, the pointer and search builders and codes; ODS
 * Organizations (read directly, as a read's body and in a search Bundle), the search builder and
 * role codes.
 */
class RecordsHostileTest {
    private static final NhsNumber PATIENT = NhsNumber.parse("9000000009");
    private static final String POINTER = HostileJson.write(HostileJson.resource("consumer-read-pointer.json"));
    /** The id of the pointer {@link #POINTER} serves: a read of another id is rightly refused. */
    private static final String POINTER_ID = "Y05868-1234567892";

    private static final String POINTER_BUNDLE = HostileJson.write(HostileJson.resource("consumer-search-bundle.json"));
    private static final String ORGANIZATION = HostileJson.write(HostileJson.resource("organization-RR8.json"));
    /** The search Bundle with its links on the client's base URL, so that the valid Bundle is accepted. */
    private static final String ORGANIZATION_BUNDLE = HostileJson.write(
                    HostileJson.resource("organization-search.json"))
            .replace("https://int.api.service.nhs.uk/organisation-data-terminology-api/fhir/", Served.BASE.toString());

    private static final Served SERVED = new Served();
    private static final NrlConsumerClient NRL = NrlConsumerClient.builder()
            .baseUrl(Served.BASE)
            .options(SERVED.options())
            .auth(BearerTokenAuth.of(() -> Secret.of("hostile-input-token")))
            .endUserOrganisation(OdsCode.of("Y05868"))
            .build();
    private static final OdsClient ODS = OdsClient.builder()
            .baseUrl(Served.BASE)
            .options(SERVED.options())
            .apiKey(Secret.of("hostile-input-api-key"))
            .build();

    @AfterContainer
    static void done() {
        NRL.close();
        ODS.close();
        Outcomes.finished(RecordsHostileTest.class);
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED, seed = "1341")
    void documentReferenceFromJson(@ForAll long seed) {
        Outcomes.Input input = HostileJson.document(seed, () -> (HostileJson.Obj) HostileJson.parse(POINTER), 5);
        Outcomes.attempt(
                "sdk-records `DocumentReference.fromJson`",
                input,
                () -> PrivacyText.check(DocumentReference.fromJson(input.text()).toString()),
                NhsValidationException.class);
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED, seed = "1342")
    void nrlBodies(@ForAll long seed) {
        boolean read = seed % 2 == 0;
        Outcomes.Input input = HostileJson.document(
                seed, () -> (HostileJson.Obj) HostileJson.parse(read ? POINTER : POINTER_BUNDLE), 5);
        SERVED.serve(200, "application/fhir+json", input.text());
        Outcomes.attempt(
                "sdk-records `NrlConsumerClient` `read` and `search` (DocumentReference and Bundle bodies)",
                input,
                () -> PrivacyText.check(
                        read
                                ? NRL.read(POINTER_ID).toString()
                                : NRL.search(PATIENT).toString()),
                NhsSdkException.class);
    }

    @Provide
    Arbitrary<String> pointerId() {
        return HostileStrings.around(List.of(
                "Y05868-1234567890",
                "RAT-8d7f5c1e-2a1b-4c3d-9e8f-0a1b2c3d4e5f",
                "X26-a",
                "736253002",
                "1382601000000107",
                "734163000",
                "RO76",
                "RE4"));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED, seed = "1343")
    void idsAndCodes(@ForAll("pointerId") String input, @ForAll @IntRange(min = 0, max = 5) int op) {
        SERVED.serve(200, "application/fhir+json", POINTER);
        Outcomes.attempt(
                "sdk-records ids and codes (`NrlConsumerClient.read` id, `RelatesTo.replaces`,"
                        + " `PointerType.of`, `PointerCategory.of`, `OdsRole.of`, `OdsRelationship.of`)",
                Outcomes.Input.of(input),
                () -> (switch (op) {
                            case 0 -> NRL.read(input);
                            case 1 -> RelatesTo.replaces(input);
                            case 2 -> PointerType.of(input, input);
                            case 3 -> PointerCategory.of(input);
                            case 4 -> OdsRole.of(input);
                            default -> OdsRelationship.of(input, input);
                        })
                        .getClass(),
                NhsSdkException.class);
    }

    @Provide
    Arbitrary<String> pointerField() {
        return HostileStrings.around(List.of(
                "ssp://provider.example.nhs.uk/plan.pdf",
                "https://example.org/x.pdf",
                "application/pdf",
                "2022-12-20T09:00:41.111Z",
                "Care plan",
                "788002001",
                "200000000610",
                "current",
                "Y05868-1234567890",
                "2022-12-20"));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED, seed = "1344")
    void pointerBuilders(@ForAll("pointerField") String input, @ForAll @IntRange(min = 0, max = 9) int field) {
        Outcomes.attempt(
                "sdk-records `DocumentReference`, `PointerContent`, `PointerContext` builders",
                Outcomes.Input.of(input),
                () -> {
                    PointerContent.Builder content = PointerContent.builder()
                            .url("ssp://provider.example.nhs.uk/plan.pdf")
                            .contentType("application/pdf")
                            .format(ContentFormat.UNSTRUCTURED)
                            .stability(ContentStability.STATIC)
                            .retrievalMechanism(RetrievalMechanism.SSP);
                    PointerContext.Builder context = PointerContext.builder()
                            .practiceSetting("788002001", "Adult mental health service")
                            .relatedAsid("200000000610");
                    DocumentReference.Builder b = DocumentReference.builder()
                            .type(PointerType.MENTAL_HEALTH_CRISIS_PLAN)
                            .category(PointerCategory.CARE_PLAN)
                            .subject(PATIENT)
                            .custodian(OdsCode.of("Y05868"))
                            .author(OdsCode.of("Y05868"));
                    switch (field) {
                        case 0 -> content.url(input);
                        case 1 -> content.contentType(input);
                        case 2 -> content.creation(input);
                        case 3 -> content.title(input);
                        case 4 -> context.practiceSetting(input, input);
                        case 5 -> context.period(input, null);
                        case 6 -> context.relatedAsid(input);
                        case 7 -> b.description(input);
                        case 8 -> b.docStatus(input);
                        default -> b.replaces(input);
                    }
                    return b.content(content.build())
                            .context(context.build())
                            .build()
                            .getClass();
                },
                NhsValidationException.class);
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED, seed = "1345")
    void organizationFromJson(@ForAll long seed) {
        Outcomes.Input input = HostileJson.document(seed, () -> (HostileJson.Obj) HostileJson.parse(ORGANIZATION), 5);
        Outcomes.attempt(
                "sdk-records `Organization.fromJson`",
                input,
                () -> PrivacyText.check(Organization.fromJson(input.text()).toString()),
                NhsDecodeException.class);
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED, seed = "1346")
    void odsBodies(@ForAll long seed) {
        boolean read = seed % 2 == 0;
        Outcomes.Input input = HostileJson.document(
                seed, () -> (HostileJson.Obj) HostileJson.parse(read ? ORGANIZATION : ORGANIZATION_BUNDLE), 5);
        SERVED.serve(200, "application/fhir+json", input.text());
        Outcomes.attempt(
                "sdk-records `OdsClient` `read` and `search` (Organization and Bundle bodies)",
                input,
                () -> PrivacyText.check(
                        read
                                ? ODS.read(OdsCode.of("RR8")).toString()
                                : ODS.search(OdsSearch.builder().name("LEEDS").build())
                                        .limit(1)
                                        .map(Object::toString)
                                        .collect(Collectors.joining())),
                NhsSdkException.class);
    }

    @Provide
    Arbitrary<String> odsSearchValue() {
        return HostileStrings.around(List.of(
                "LEEDS", "Leeds Teaching", "LS1 3EX", "LS1", "Leeds", "ge2024-01-01", "2024-01-01", "eq2024-01-01"));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED, seed = "1347")
    void odsAndPointerSearchBuilders(
            @ForAll("odsSearchValue") String input, @ForAll @IntRange(min = 0, max = 9) int field) {
        Outcomes.Input in = Outcomes.Input.of(input);
        Outcomes.attempt(
                "sdk-records `OdsSearch.Builder`, `PointerSearch.Builder`",
                in,
                () -> {
                    OdsSearch.Builder b = OdsSearch.builder();
                    switch (field) {
                        case 0 -> b.name(input);
                        case 1 -> b.nameContains(input);
                        case 2 -> b.nameExact(input);
                        case 3 -> b.postcode(input);
                        case 4 -> b.postcodeContains(input);
                        case 5 -> b.postcodeExact(input);
                        case 6 -> b.city(input);
                        case 7 -> b.cityContains(input);
                        case 8 -> b.lastChangeDate(input);
                        default -> {
                            return PointerSearch.forPatient(PATIENT)
                                    .type(PointerType.of(input))
                                    .category(PointerCategory.of(input))
                                    .build()
                                    .getClass();
                        }
                    }
                    return b.build().getClass();
                },
                NhsValidationException.class);
    }

    @Provide
    Arbitrary<String> nrlCode() {
        return HostileStrings.around(List.of(
                "INVALID_PARAMETER",
                "ACCESS_DENIED",
                "RESOURCE_NOT_FOUND",
                "static",
                "dynamic",
                "urn:nhs-ic:unstructured",
                "https://fhir.nhs.uk/England/CodeSystem/NRL-FormatCode"));
    }

    @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED, seed = "1348")
    void codeLookups(@ForAll("nrlCode") String input) {
        Outcomes.attempt(
                "sdk-records code lookups (`NrlErrorCode.fromCode`, `ContentFormat`, `ContentStability`,"
                        + " `RetrievalMechanism` `.fromCode`)",
                Outcomes.Input.of(input),
                () -> {
                    NrlErrorCode.fromCode(input);
                    ContentFormat.fromCode(input);
                    ContentStability.fromCode(input);
                    return RetrievalMechanism.fromCode(input);
                });
    }
}

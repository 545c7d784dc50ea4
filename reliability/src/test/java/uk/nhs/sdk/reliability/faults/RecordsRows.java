package uk.nhs.sdk.reliability.faults;

import java.util.List;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.auth.BearerTokenAuth;
import uk.nhs.sdk.core.http.Idempotency;
import uk.nhs.sdk.records.RecordsApi;
import uk.nhs.sdk.records.nrl.ContentFormat;
import uk.nhs.sdk.records.nrl.ContentStability;
import uk.nhs.sdk.records.nrl.DocumentReference;
import uk.nhs.sdk.records.nrl.NrlConsumerClient;
import uk.nhs.sdk.records.nrl.NrlProducerClient;
import uk.nhs.sdk.records.nrl.PointerCategory;
import uk.nhs.sdk.records.nrl.PointerContent;
import uk.nhs.sdk.records.nrl.PointerContext;
import uk.nhs.sdk.records.nrl.PointerSearch;
import uk.nhs.sdk.records.nrl.PointerType;
import uk.nhs.sdk.records.nrl.RetrievalMechanism;
import uk.nhs.sdk.records.ods.OdsClient;
import uk.nhs.sdk.records.ods.OdsRole;
import uk.nhs.sdk.records.ods.OdsSearch;

/** The National Record Locator's and ODS's operations. */
final class RecordsRows {
    static final String NRL = "NRL";
    static final String ODS = "ODS";
    private static final OdsCode ORGANISATION = OdsCode.of("Y05868");
    private static final NhsNumber PATIENT = NhsNumber.parse("9000000017");

    private RecordsRows() {}

    static List<MatrixRow> rows() {
        return List.of(
                new MatrixRow(
                        NRL, "search (consumer)", "POST", ".*/DocumentReference/_search", Idempotency.SAFE, cell -> {
                            try (NrlConsumerClient nrl = consumer(cell)) {
                                cell.arm();
                                PdsRows.check(!nrl.search(PATIENT).pointers().isEmpty(), "the patient's pointers");
                            }
                        }),
                new MatrixRow(NRL, "read (consumer)", "GET", ".*/DocumentReference/[^/_]+", Idempotency.SAFE, cell -> {
                    String id;
                    try (NrlConsumerClient setup = consumer(cell, Cell.setupOptions())) {
                        id = setup.search(PATIENT).pointers().get(0).id().orElseThrow();
                    }
                    try (NrlConsumerClient nrl = consumer(cell)) {
                        cell.arm();
                        PdsRows.check(nrl.read(id).id().filter(id::equals).isPresent(), "the pointer read");
                    }
                }),
                new MatrixRow(NRL, "create (producer)", "POST", ".*/DocumentReference", Idempotency.KEYED, cell -> {
                    int before = pointers(cell);
                    try (NrlProducerClient nrl = NrlProducerClient.builder()
                            .baseUrl(cell.sandbox().apiBaseUrl(RecordsApi.NRL_PRODUCER.basePath()))
                            .options(cell.options())
                            .auth(BearerTokenAuth.of(cell.fixtures()::appTokenUnchecked))
                            .endUserOrganisation(ORGANISATION)
                            .build()) {
                        cell.arm();
                        PdsRows.check(!nrl.create(pointer()).pointerId().isEmpty(), "the new pointer's id");
                        PdsRows.check(pointers(cell) == before + 1, "a successful create creates the pointer");
                    } finally {
                        PdsRows.check(pointers(cell) <= before + 1, "a pointer is created at most once");
                    }
                }),
                new MatrixRow(ODS, "read organisation", "GET", ".*/Organization/Y05868", Idempotency.SAFE, cell -> {
                    try (OdsClient ods = ods(cell)) {
                        cell.arm();
                        PdsRows.check(ods.read(ORGANISATION).odsCode().equals(ORGANISATION), "the organisation read");
                    }
                }),
                new MatrixRow(ODS, "search (first page)", "GET", ".*/Organization", Idempotency.SAFE, cell -> {
                    try (OdsClient ods = ods(cell)) {
                        cell.arm();
                        PdsRows.check(
                                ods.search(OdsSearch.builder()
                                                .anyRole(OdsRole.GP_PRACTICE)
                                                .pageSize(10)
                                                .build())
                                        .findFirst()
                                        .isPresent(),
                                "a first page");
                    }
                }));
    }

    private static int pointers(Cell cell) {
        try (NrlConsumerClient setup = consumer(cell, Cell.setupOptions())) {
            return setup.count(PointerSearch.forPatient(PATIENT).build());
        }
    }

    private static NrlConsumerClient consumer(Cell cell) {
        return consumer(cell, cell.options());
    }

    private static NrlConsumerClient consumer(Cell cell, uk.nhs.sdk.core.NhsClientOptions options) {
        return NrlConsumerClient.builder()
                .baseUrl(cell.sandbox().apiBaseUrl(RecordsApi.NRL_CONSUMER.basePath()))
                .options(options)
                .auth(BearerTokenAuth.of(cell.fixtures()::appTokenUnchecked))
                .endUserOrganisation(ORGANISATION)
                .build();
    }

    private static OdsClient ods(Cell cell) {
        return OdsClient.builder()
                .baseUrl(cell.sandbox().apiBaseUrl(RecordsApi.ODS.basePath()))
                .options(cell.options())
                .apiKey(cell.sandbox().application().apiKey())
                .build();
    }

    /** The examples' mental health crisis plan pointer, no patient data but the test NHS number. */
    private static DocumentReference pointer() {
        return DocumentReference.builder()
                .type(PointerType.MENTAL_HEALTH_CRISIS_PLAN)
                .category(PointerCategory.CARE_PLAN)
                .subject(PATIENT)
                .custodian(ORGANISATION)
                .author(ORGANISATION)
                .description("Fault matrix pointer")
                .content(PointerContent.builder()
                        .url("ssp://provider.example.nhs.uk/plans/mental-health-crisis-plan.pdf")
                        .contentType("application/pdf")
                        .format(ContentFormat.UNSTRUCTURED)
                        .stability(ContentStability.STATIC)
                        .retrievalMechanism(RetrievalMechanism.SSP)
                        .build())
                .context(PointerContext.builder()
                        .practiceSetting("788002001", "Adult mental health service")
                        .relatedAsid("200000000610")
                        .build())
                .build();
    }
}

package uk.nhs.sdk.examples.nrl;

import java.util.stream.Collectors;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.error.ResourceNotFoundException;
import uk.nhs.sdk.examples.demo.DemoContext;
import uk.nhs.sdk.examples.demo.DemoStep;
import uk.nhs.sdk.records.RecordsApi;
import uk.nhs.sdk.records.nrl.DocumentReference;
import uk.nhs.sdk.records.nrl.NrlConsumerClient;
import uk.nhs.sdk.records.nrl.NrlProducerClient;
import uk.nhs.sdk.records.nrl.PointerSearch;
import uk.nhs.sdk.records.nrl.PointerSearchResult;
import uk.nhs.sdk.records.nrl.WriteResult;

/**
 * The National Record Locator: find a patient's pointers and who holds each record, then publish a
 * pointer and supersede it.
 */
public final class NrlDemoStep implements DemoStep {
    private static final OdsCode ORGANISATION = OdsCode.of("Y05868");

    /**
     * Creates the step.
     */
    public NrlDemoStep() {}

    @Override
    public String title() {
        return "National Record Locator: find a patient's pointers, create one and supersede it";
    }

    @Override
    public void run(DemoContext demo) {
        try (NrlConsumerClient consumer = NrlConsumerClient.builder()
                        .baseUrl(demo.sandbox().apiBaseUrl(RecordsApi.NRL_CONSUMER.basePath()))
                        .options(demo.options())
                        .auth(demo.auth())
                        .endUserOrganisation(ORGANISATION)
                        .build();
                NrlProducerClient producer = NrlProducerClient.builder()
                        .baseUrl(demo.sandbox().apiBaseUrl(RecordsApi.NRL_PRODUCER.basePath()))
                        .options(demo.options())
                        .auth(demo.auth())
                        .endUserOrganisation(ORGANISATION)
                        .build()) {
            run(demo, consumer, producer);
        }
    }

    private static void run(DemoContext demo, NrlConsumerClient consumer, NrlProducerClient producer) {
        NhsNumber patient = NhsNumber.parse("9000000017");
        PointerSearchResult found = consumer.search(patient);
        demo.say("POST /DocumentReference/_search as " + ORGANISATION + " (NHS number in the body, not the URL): "
                + found.total() + " pointer(s)");
        for (DocumentReference p : found.pointers()) {
            demo.say("  " + p.id().orElse("?") + ": " + p.type() + ", held by custodian "
                    + p.custodian().orElse("?"));
        }
        demo.say("custodians to look up in ODS: "
                + found.pointers().stream()
                        .map(p -> p.custodian().orElse("?"))
                        .distinct()
                        .sorted()
                        .collect(Collectors.joining(", ")));

        DocumentReference pointer = NrlCommand.examplePointer(patient, ORGANISATION);
        WriteResult created = producer.create(pointer);
        demo.say("POST /DocumentReference: created " + created.pointerId() + " (id from the Location header)");
        WriteResult replaced = producer.supersede(pointer, created.pointerId());
        demo.say("supersede with relatesTo replaces " + created.pointerId() + ": new pointer " + replaced.pointerId());
        try {
            producer.read(created.pointerId());
            demo.say("the old pointer is still there (unexpected)");
        } catch (ResourceNotFoundException e) {
            demo.say("the old pointer is gone: GET answers 404 " + e.errorCode().orElse(""));
        }
        demo.say("the patient now has "
                + consumer.count(PointerSearch.forPatient(patient).build()) + " pointer(s) visible to " + ORGANISATION);
    }
}

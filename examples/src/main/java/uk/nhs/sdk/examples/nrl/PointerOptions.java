package uk.nhs.sdk.examples.nrl;

import java.util.Locale;
import picocli.CommandLine.Option;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.examples.UsageException;
import uk.nhs.sdk.records.nrl.ContentFormat;
import uk.nhs.sdk.records.nrl.ContentStability;
import uk.nhs.sdk.records.nrl.DocumentReference;
import uk.nhs.sdk.records.nrl.PointerCategory;
import uk.nhs.sdk.records.nrl.PointerContent;
import uk.nhs.sdk.records.nrl.PointerContext;
import uk.nhs.sdk.records.nrl.PointerType;
import uk.nhs.sdk.records.nrl.RetrievalMechanism;

/**
 * The options that describe a pointer for {@code nhs nrl create} and {@code supersede}; the
 * custodian and author are the {@code --ods-code}.
 */
final class PointerOptions {
    @Option(names = "--nhs-number", required = true, paramLabel = "N", description = "The patient's NHS number.")
    String nhsNumber;

    @Option(
            names = "--type",
            required = true,
            paramLabel = "SNOMED",
            description = "The record type, e.g. 736253002 (mental health crisis plan).")
    String type;

    @Option(
            names = "--category",
            required = true,
            paramLabel = "SNOMED",
            description = "The record category, e.g. 734163000 (care plan).")
    String category;

    @Option(
            names = "--url",
            required = true,
            paramLabel = "URL",
            description = "Where the record is: ssp://... for the Spine Secure Proxy.")
    String url;

    @Option(
            names = "--content-type",
            paramLabel = "MIME",
            defaultValue = "application/pdf",
            description = "The record's MIME type (default: ${DEFAULT-VALUE}).")
    String contentType;

    @Option(
            names = "--format",
            paramLabel = "F",
            defaultValue = "unstructured",
            description = "unstructured, structured or record-contact (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(
            names = "--stability",
            paramLabel = "S",
            defaultValue = "static",
            description = "static or dynamic (default: ${DEFAULT-VALUE}).")
    String stability;

    @Option(
            names = "--retrieval",
            paramLabel = "R",
            description = "SSP, Direct, LDR or InContext (default: SSP for ssp:// URLs, else Direct).")
    String retrieval;

    @Option(
            names = "--practice-setting",
            paramLabel = "SNOMED",
            defaultValue = "788002001",
            description = "The practice setting code (default: ${DEFAULT-VALUE}).")
    String practiceSetting;

    @Option(
            names = "--practice-setting-display",
            paramLabel = "TEXT",
            defaultValue = "Adult mental health service",
            description = "The practice setting's display (default: ${DEFAULT-VALUE}).")
    String practiceSettingDisplay;

    @Option(
            names = "--asid",
            paramLabel = "ASID",
            description = "The Spine ASID of the system holding the record (required for SSP).")
    String asid;

    @Option(names = "--description", paramLabel = "TEXT", description = "A description (no patient details).")
    String description;

    /** The pointer, checked against NRL's rules before any call. */
    DocumentReference pointer(OdsCode ods) {
        ContentFormat f = switch (format.toLowerCase(Locale.ROOT)) {
            case "unstructured" -> ContentFormat.UNSTRUCTURED;
            case "structured" -> ContentFormat.STRUCTURED;
            case "record-contact" -> ContentFormat.RECORD_CONTACT;
            default -> throw new UsageException("--format must be unstructured, structured or record-contact");
        };
        ContentStability s = ContentStability.fromCode(stability.toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new UsageException("--stability must be static or dynamic"));
        RetrievalMechanism r = retrieval == null
                ? (url.startsWith("ssp://") ? RetrievalMechanism.SSP : RetrievalMechanism.DIRECT)
                : RetrievalMechanism.fromCode(retrieval)
                        .orElseThrow(() -> new UsageException("--retrieval must be SSP, Direct, LDR or InContext"));
        PointerContext.Builder context =
                PointerContext.builder().practiceSetting(practiceSetting, practiceSettingDisplay);
        if (asid != null) {
            context.relatedAsid(asid);
        }
        DocumentReference.Builder b = DocumentReference.builder()
                .type(PointerType.of(type))
                .category(PointerCategory.of(category))
                .subject(NhsNumber.parse(nhsNumber))
                .custodian(ods)
                .author(ods)
                .content(PointerContent.builder()
                        .url(url)
                        .contentType(contentType)
                        .format(f)
                        .stability(s)
                        .retrievalMechanism(r)
                        .build())
                .context(context.build());
        if (description != null) {
            b.description(description);
        }
        return b.build();
    }
}

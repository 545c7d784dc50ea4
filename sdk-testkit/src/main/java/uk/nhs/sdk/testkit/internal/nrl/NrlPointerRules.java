package uk.nhs.sdk.testkit.internal.nrl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import uk.nhs.sdk.core.NhsNumber;

/**
 * The NRL producer's rules for a pointer it is given (the producer spec's
 * {@code POST /DocumentReference} description), checked by the fake.
 */
final class NrlPointerRules {
    static final String SNOMED = "http://snomed.info/sct";
    static final String NHS_NUMBER = "https://fhir.nhs.uk/Id/nhs-number";
    static final String ODS = "https://fhir.nhs.uk/Id/ods-organization-code";
    static final String STABILITY =
            "https://fhir.nhs.uk/England/StructureDefinition/Extension-England-ContentStability";
    static final String RETRIEVAL =
            "https://fhir.nhs.uk/England/StructureDefinition/Extension-England-NRLRetrievalMechanism";
    static final String ASID = "https://fhir.nhs.uk/Id/nhsSpineASID";
    /** The fields an update may not change (producer spec, {@code PUT /DocumentReference/{id}}). */
    static final List<String> IMMUTABLE = List.of("id", "subject", "custodian", "type", "masterIdentifier", "date");

    private static final Set<String> CATEGORIES = Set.of(
            "734163000",
            "1102421000000108",
            "823651000000106",
            "419891008",
            "716931000000107",
            "103693007",
            "721981007");

    private NrlPointerRules() {}

    /** Refuses a pointer NRL would refuse, for the caller's ODS code. */
    static void check(JsonNode p, String odsCode) {
        if (!"DocumentReference".equals(p.path("resourceType").asText())) {
            throw NrlError.invalidResource("The resource type must be DocumentReference");
        }
        for (String field :
                List.of("status", "content", "author", "custodian", "context", "category", "type", "subject")) {
            if (p.path(field).isMissingNode() || p.path(field).isNull()) {
                throw NrlError.invalidResource("The required field '" + field + "' is missing");
            }
        }
        if (!"current".equals(p.path("status").asText())) {
            throw NrlError.invalidResource("The status must be 'current'");
        }
        JsonNode subject = p.path("subject").path("identifier");
        if (!NHS_NUMBER.equals(subject.path("system").asText())) {
            throw new NrlError(
                    400,
                    "value",
                    "INVALID_IDENTIFIER_SYSTEM",
                    "Invalid identifier system",
                    "The subject identifier system must be " + NHS_NUMBER);
        }
        if (!NhsNumber.isValid(subject.path("value").asText(""))) {
            throw new NrlError(
                    400,
                    "value",
                    "INVALID_NHS_NUMBER",
                    "Invalid NHS number",
                    "The subject identifier value is not a valid NHS number");
        }
        if (!ODS.equals(p.path("custodian").path("identifier").path("system").asText())) {
            throw new NrlError(
                    400,
                    "value",
                    "INVALID_IDENTIFIER_SYSTEM",
                    "Invalid identifier system",
                    "The custodian identifier system must be " + ODS);
        }
        if (!odsCode.equalsIgnoreCase(NrlStore.custodian(p))) {
            throw new NrlError(
                    422,
                    "invalid",
                    "UNPROCESSABLE_ENTITY",
                    "Unprocessable Entity",
                    "The custodian of the provided DocumentReference does not match the expected ODS code for this "
                            + "organisation");
        }
        if (!p.path("author").isArray() || p.path("author").size() != 1) {
            throw NrlError.invalidResource("Exactly one author is required");
        }
        JsonNode type = p.path("type").path("coding").path(0);
        if (!SNOMED.equals(type.path("system").asText())) {
            throw new NrlError(
                    400,
                    "value",
                    "INVALID_CODE_SYSTEM",
                    "Invalid code system",
                    "The type code system must be " + SNOMED);
        }
        if (!NrlStore.typesFor(odsCode).contains(type.path("code").asText())) {
            throw NrlError.forbidden("The type of the provided DocumentReference is not in the list of allowed types "
                    + "for this organisation");
        }
        if (!p.path("category").isArray() || p.path("category").isEmpty()) {
            throw NrlError.invalidResource("At least one category is required");
        }
        for (JsonNode c : p.path("category")) {
            JsonNode coding = c.path("coding").path(0);
            if (!SNOMED.equals(coding.path("system").asText())
                    || !CATEGORIES.contains(coding.path("code").asText())) {
                throw NrlError.invalidResource("Category code is not valid");
            }
        }
        if (p.path("context").path("practiceSetting").isMissingNode()) {
            throw NrlError.invalidResource("The context must include a practiceSetting");
        }
        checkContent(p);
    }

    private static void checkContent(JsonNode p) {
        if (!p.path("content").isArray() || p.path("content").isEmpty()) {
            throw NrlError.invalidResource("At least one content entry is required");
        }
        boolean ssp = false;
        for (JsonNode c : p.path("content")) {
            String url = c.path("attachment").path("url").asText("");
            if (url.isEmpty()
                    || c.path("attachment").path("contentType").asText("").isEmpty()) {
                throw NrlError.invalidResource("Each content attachment must have a url and a contentType");
            }
            if (c.path("format").isMissingNode()) {
                throw NrlError.invalidResource("Each content must have a format");
            }
            if (extensionCode(c, STABILITY).isEmpty()) {
                throw NrlError.invalidResource("Each content must have the content stability extension");
            }
            boolean sspMechanism = "SSP".equals(extensionCode(c, RETRIEVAL));
            if (sspMechanism && !url.startsWith("ssp://")) {
                throw NrlError.invalidResource("The url of content retrieved via SSP must start with ssp://");
            }
            ssp |= sspMechanism || url.startsWith("ssp://");
        }
        if (ssp) {
            boolean asid = false;
            for (JsonNode r : p.path("context").path("related")) {
                asid |= ASID.equals(r.path("identifier").path("system").asText());
            }
            if (!asid) {
                throw NrlError.invalidResource("The context must include the ASID of content retrieved via SSP");
            }
        }
    }

    private static String extensionCode(JsonNode content, String url) {
        for (JsonNode e : content.path("extension")) {
            if (url.equals(e.path("url").asText())) {
                return e.path("valueCodeableConcept")
                        .path("coding")
                        .path(0)
                        .path("code")
                        .asText("");
            }
        }
        return "";
    }
}

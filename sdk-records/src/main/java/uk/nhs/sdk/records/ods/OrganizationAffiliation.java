package uk.nhs.sdk.records.ods;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.records.ods.internal.OdsJson;
import uk.nhs.sdk.records.ods.internal.OdsJson.InvalidJson;

/**
 * A relationship between two organisations ({@code OrganizationAffiliation}): the primary
 * ("source") organisation relates to the participating ("target") one, for example a GP practice
 * {@link OdsRelationship#IS_COMMISSIONED_BY is commissioned by} its integrated care board.
 */
public final class OrganizationAffiliation {
    private final String id;
    private final OdsCode primaryOrganization;
    private final OdsCode participatingOrganization;
    private final OdsRelationship relationship;
    private final boolean active;
    private final OdsPeriod period;
    private final String rawJson;

    private OrganizationAffiliation(JsonNode a) throws InvalidJson {
        if (!"OrganizationAffiliation".equals(a.path("resourceType").asText(""))) {
            throw new InvalidJson("the resource is not an OrganizationAffiliation");
        }
        this.id = OdsJson.text(a, "id").orElseThrow(() -> new InvalidJson("an OrganizationAffiliation has no id"));
        this.primaryOrganization = code(a.path("organization"), "organization");
        this.participatingOrganization = code(a.path("participatingOrganization"), "participatingOrganization");
        OdsRelationship rel = null;
        for (JsonNode concept : OdsJson.objects(a, "code")) {
            Optional<JsonNode> coding = OdsJson.firstCoding(concept);
            if (coding.isPresent() && OdsJson.text(coding.get(), "code").isPresent()) {
                rel = OdsRelationship.of(
                        OdsJson.text(coding.get(), "code").get(),
                        OdsJson.text(coding.get(), "display").orElse(null));
                break;
            }
        }
        if (rel == null) {
            throw new InvalidJson("an OrganizationAffiliation has no relationship code");
        }
        this.relationship = rel;
        this.active = OdsJson.bool(a, "active").orElse(false);
        JsonNode p = a.get("period");
        this.period = p != null && p.isObject() ? OdsPeriod.parse(p) : null;
        this.rawJson = OdsJson.write(a);
    }

    static OrganizationAffiliation read(JsonNode resource) throws InvalidJson {
        return new OrganizationAffiliation(resource);
    }

    private static OdsCode code(JsonNode reference, String field) throws InvalidJson {
        String value = reference.path("identifier").path("value").asText(null);
        if (value == null) {
            String ref = reference.path("reference").asText("");
            value = ref.startsWith("Organization/") ? ref.substring("Organization/".length()) : null;
        }
        if (value == null) {
            throw new InvalidJson(field + " has no ODS code");
        }
        try {
            return OdsCode.of(value);
        } catch (NhsValidationException e) {
            throw new InvalidJson(field + " is not an ODS code");
        }
    }

    /**
     * The relationship instance id.
     *
     * @return for example {@code 383689}
     */
    public String id() {
        return id;
    }

    /**
     * The primary ("source") organisation.
     *
     * @return its ODS code
     */
    public OdsCode primaryOrganization() {
        return primaryOrganization;
    }

    /**
     * The participating ("target") organisation.
     *
     * @return its ODS code
     */
    public OdsCode participatingOrganization() {
        return participatingOrganization;
    }

    /**
     * The relationship type.
     *
     * @return the relationship
     */
    public OdsRelationship relationship() {
        return relationship;
    }

    /**
     * Whether the relationship is active.
     *
     * @return {@code true} when active
     */
    public boolean active() {
        return active;
    }

    /**
     * When the relationship holds.
     *
     * @return the period
     */
    public Optional<OdsPeriod> period() {
        return Optional.ofNullable(period);
    }

    /**
     * The resource's JSON.
     *
     * @return the JSON
     */
    public String rawJson() {
        return rawJson;
    }

    @Override
    public String toString() {
        return "OrganizationAffiliation[" + primaryOrganization + " " + relationship + " " + participatingOrganization
                + "]";
    }
}

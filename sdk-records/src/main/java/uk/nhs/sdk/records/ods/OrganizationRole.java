package uk.nhs.sdk.records.ods;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import uk.nhs.sdk.records.ods.internal.OdsJson;
import uk.nhs.sdk.records.ods.internal.OdsJson.InvalidJson;

/**
 * One role an organisation holds ({@code Extension-England-OrganisationRole}): the role code, the
 * role instance, whether it is active, and its legal and operational periods.
 */
public final class OrganizationRole {
    static final String EXTENSION =
            "https://fhir.nhs.uk/England/StructureDefinition/Extension-England-OrganisationRole";
    private static final String TYPED_PERIOD =
            "https://fhir.nhs.uk/England/StructureDefinition/Extension-England-TypedPeriod";

    private final OdsRole role;
    private final Long instanceId;
    private final Boolean active;
    private final OdsPeriod legal;
    private final OdsPeriod operational;

    private OrganizationRole(OdsRole role, Long instanceId, Boolean active, OdsPeriod legal, OdsPeriod operational) {
        this.role = role;
        this.instanceId = instanceId;
        this.active = active;
        this.legal = legal;
        this.operational = operational;
    }

    static OrganizationRole parse(JsonNode ext) throws InvalidJson {
        OdsRole role = null;
        Long instance = null;
        Boolean active = null;
        OdsPeriod legal = null;
        OdsPeriod operational = null;
        for (JsonNode e : OdsJson.objects(ext, "extension")) {
            String url = e.path("url").asText("");
            switch (url) {
                case "roleCode": {
                    JsonNode coding = OdsJson.firstCoding(e.path("valueCodeableConcept"))
                            .orElseThrow(() -> new InvalidJson("a role has no roleCode coding"));
                    String code = OdsJson.text(coding, "code").orElseThrow(() -> new InvalidJson("a role has no code"));
                    role = OdsRole.read(code, OdsJson.text(coding, "display").orElse(null));
                    break;
                }
                case "instanceID":
                    instance = OdsJson.integer(e, "valueInteger").orElse(null);
                    break;
                case "active":
                    active = OdsJson.bool(e, "valueBoolean").orElse(null);
                    break;
                case TYPED_PERIOD: {
                    String type = OdsJson.extension(e, "dateType")
                            .map(t -> t.path("valueCoding").path("code").asText(""))
                            .orElse("");
                    JsonNode period = OdsJson.extension(e, "period")
                            .map(p -> p.path("valuePeriod"))
                            .orElse(null);
                    if (period != null && period.isObject()) {
                        if ("Legal".equals(type)) {
                            legal = OdsPeriod.parse(period);
                        } else if ("Operational".equals(type)) {
                            operational = OdsPeriod.parse(period);
                        }
                    }
                    break;
                }
                default:
                    break;
            }
        }
        if (role == null) {
            throw new InvalidJson("a role extension has no roleCode");
        }
        return new OrganizationRole(role, instance, active, legal, operational);
    }

    /**
     * The role.
     *
     * @return the role, with its name when known
     */
    public OdsRole role() {
        return role;
    }

    /**
     * The role code.
     *
     * @return for example {@code RO76}
     */
    public String code() {
        return role.code();
    }

    /**
     * The role's name: the one the API sent, or the constant's.
     *
     * @return the display
     */
    public Optional<String> display() {
        return role.display();
    }

    /**
     * Whether this is the organisation's primary role, known for the roles {@link OdsRole} names.
     *
     * @return the flag, empty for a role the SDK does not know
     */
    public Optional<Boolean> primary() {
        return role.primary();
    }

    /**
     * The ODS role instance id.
     *
     * @return the id
     */
    public Optional<Long> instanceId() {
        return Optional.ofNullable(instanceId);
    }

    /**
     * Whether the role is active.
     *
     * @return {@code true} when ODS marks it active; {@code false} when inactive or not stated
     */
    public boolean active() {
        return Boolean.TRUE.equals(active);
    }

    /**
     * The legal period.
     *
     * @return the period
     */
    public Optional<OdsPeriod> legalPeriod() {
        return Optional.ofNullable(legal);
    }

    /**
     * The operational period.
     *
     * @return the period
     */
    public Optional<OdsPeriod> operationalPeriod() {
        return Optional.ofNullable(operational);
    }

    @Override
    public String toString() {
        return role + (active() ? " (active)" : " (inactive)");
    }
}

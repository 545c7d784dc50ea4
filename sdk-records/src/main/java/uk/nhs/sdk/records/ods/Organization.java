package uk.nhs.sdk.records.ods;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.error.CallDetails;
import uk.nhs.sdk.core.error.NhsDecodeException;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.records.ods.internal.OdsJson;
import uk.nhs.sdk.records.ods.internal.OdsJson.InvalidJson;

/**
 * An organisation or site from the ODS FHIR API ({@code Organization}, profile
 * {@code England-Organization-ODS}): its ODS code, name, status, roles, addresses and contacts,
 * record class and use type, last change date, and the raw JSON. Immutable.
 *
 * <pre>{@code
 * Organization o = ods.read(OdsCode.of("RR8"));
 * o.name();                                   // LEEDS TEACHING HOSPITALS NHS TRUST
 * o.primaryRole().map(OrganizationRole::code) // RO197
 * }</pre>
 */
public final class Organization {
    /** The identifier system of ODS codes. */
    public static final String ODS_CODE_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code";

    private static final String TYPED_DATE_TIME =
            "https://fhir.nhs.uk/England/StructureDefinition/Extension-England-TypedDateTime";
    private static final String RECORD_CLASS =
            "https://digital.nhs.uk/services/organisation-data-service/CodeSystem/ODSRecordClass";
    private static final String RECORD_USE = "https://fhir.nhs.uk/England/CodeSystem/England-ODSRecordUseType";

    private final OdsCode odsCode;
    private final String name;
    private final boolean active;
    private final List<OrganizationRole> roles;
    private final List<OdsAddress> addresses;
    private final List<OdsContact> contacts;
    private final String recordClass;
    private final String recordUseType;
    private final LocalDate lastChangeDate;
    private final String rawJson;

    private Organization(JsonNode o, String rawJson) throws InvalidJson {
        if (!"Organization".equals(o.path("resourceType").asText(""))) {
            throw new InvalidJson("the resource is not an Organization");
        }
        String code = OdsJson.text(o, "id").orElse(null);
        for (JsonNode id : OdsJson.objects(o, "identifier")) {
            if (ODS_CODE_SYSTEM.equals(id.path("system").asText(""))) {
                code = OdsJson.text(id, "value").orElse(code);
            }
        }
        if (code == null) {
            throw new InvalidJson("an Organization has no ODS code");
        }
        try {
            this.odsCode = OdsCode.of(code);
        } catch (NhsValidationException e) {
            throw new InvalidJson("an Organization's ODS code is not 3 to 12 letters and digits");
        }
        this.name = OdsJson.text(o, "name").orElse("");
        this.active = OdsJson.bool(o, "active").orElse(false);
        List<OrganizationRole> rs = new ArrayList<>();
        LocalDate changed = null;
        for (JsonNode ext : OdsJson.objects(o, "extension")) {
            String url = ext.path("url").asText("");
            if (OrganizationRole.EXTENSION.equals(url)) {
                rs.add(OrganizationRole.parse(ext));
            } else if (TYPED_DATE_TIME.equals(url)) {
                boolean lastChange = OdsJson.extension(ext, "type")
                        .map(t -> "LastChangeDate"
                                .equals(t.path("valueCoding").path("code").asText("")))
                        .orElse(false);
                Optional<JsonNode> value = OdsJson.extension(ext, "dateTime");
                if (lastChange && value.isPresent()) {
                    changed = OdsJson.date(value.get(), "valueDateTime").orElse(null);
                }
            }
        }
        this.roles = List.copyOf(rs);
        this.lastChangeDate = changed;
        List<OdsAddress> as = new ArrayList<>();
        for (JsonNode a : OdsJson.objects(o, "address")) {
            as.add(OdsAddress.parse(a));
        }
        this.addresses = List.copyOf(as);
        List<OdsContact> cs = new ArrayList<>();
        for (JsonNode t : OdsJson.objects(o, "telecom")) {
            Optional<String> system = OdsJson.text(t, "system");
            Optional<String> value = OdsJson.text(t, "value");
            if (system.isPresent() && value.isPresent()) {
                cs.add(new OdsContact(system.get(), value.get()));
            }
        }
        this.contacts = List.copyOf(cs);
        String rc = null;
        String use = null;
        for (JsonNode type : OdsJson.objects(o, "type")) {
            for (JsonNode coding : OdsJson.objects(type, "coding")) {
                String system = coding.path("system").asText("");
                if (RECORD_CLASS.equals(system)) {
                    rc = OdsJson.text(coding, "code").orElse(rc);
                } else if (RECORD_USE.equals(system)) {
                    use = OdsJson.text(coding, "code").orElse(use);
                }
            }
        }
        this.recordClass = rc;
        this.recordUseType = use;
        this.rawJson = rawJson;
    }

    /**
     * Reads an Organization resource, as the API or {@link #rawJson()} gives it.
     *
     * @param json the resource's JSON
     * @return the organisation
     * @throws NhsDecodeException when the JSON is not an Organization with an ODS code
     */
    public static Organization fromJson(String json) {
        Objects.requireNonNull(json, "json");
        try {
            return new Organization(OdsJson.parse(json), json);
        } catch (InvalidJson e) {
            throw new NhsDecodeException("not an ODS Organization: " + e.getMessage(), CallDetails.none(), null);
        }
    }

    static Organization read(JsonNode resource) throws InvalidJson {
        return new Organization(resource, OdsJson.write(resource));
    }

    /**
     * The ODS code.
     *
     * @return the code
     */
    public OdsCode odsCode() {
        return odsCode;
    }

    /**
     * The name, as ODS holds it (upper case).
     *
     * @return the name; empty when the record has none
     */
    public String name() {
        return name;
    }

    /**
     * Whether the organisation's record is active.
     *
     * @return {@code true} when active
     */
    public boolean active() {
        return active;
    }

    /**
     * Every role, active or not, in the order ODS lists them.
     *
     * @return an unmodifiable list
     */
    public List<OrganizationRole> roles() {
        return roles;
    }

    /**
     * The primary role, when one of the roles is known to be primary.
     *
     * @return the role
     */
    public Optional<OrganizationRole> primaryRole() {
        return roles.stream().filter(r -> r.primary().orElse(false)).findFirst();
    }

    /**
     * Whether the organisation holds a role, active or not.
     *
     * @param role the role
     * @return {@code true} when one of its roles has that code
     */
    public boolean hasRole(OdsRole role) {
        Objects.requireNonNull(role, "role");
        return roles.stream().anyMatch(r -> r.role().equals(role));
    }

    /**
     * The addresses.
     *
     * @return an unmodifiable list
     */
    public List<OdsAddress> addresses() {
        return addresses;
    }

    /**
     * The contacts: phone numbers and web sites.
     *
     * @return an unmodifiable list
     */
    public List<OdsContact> contacts() {
        return contacts;
    }

    /**
     * The record class from {@code ODSRecordClass}.
     *
     * @return {@code RC1} (an organisation) or {@code RC2} (a site)
     */
    public Optional<String> recordClass() {
        return Optional.ofNullable(recordClass);
    }

    /**
     * The record use type from {@code England-ODSRecordUseType}.
     *
     * @return {@code Full}, or {@code RefOnly} for a record kept only for referential integrity
     */
    public Optional<String> recordUseType() {
        return Optional.ofNullable(recordUseType);
    }

    /**
     * When ODS last changed the record ({@code Extension-England-TypedDateTime} LastChangeDate).
     *
     * @return the date
     */
    public Optional<LocalDate> lastChangeDate() {
        return Optional.ofNullable(lastChangeDate);
    }

    /**
     * The resource as the API sent it (or as stored by {@link OdsMirror}).
     *
     * @return the JSON
     */
    public String rawJson() {
        return rawJson;
    }

    @Override
    public String toString() {
        return "Organization[" + odsCode + " " + name + "]";
    }
}

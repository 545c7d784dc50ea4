package uk.nhs.sdk.testkit.internal.ods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import uk.nhs.sdk.testkit.internal.Json;

/**
 * One organisation of the fake: its Organization resource and the fields searches match on.
 *
 * @param json the resource as compact JSON (text keeps the fake small: 10,000 organisations fit in a few dozen MiB)
 * @param code the ODS code
 * @param name the name
 * @param active whether the record is active
 * @param roles every role code
 * @param activeRoles the active role codes
 * @param lastChange the last change date, or {@code null}
 * @param postcodes the postcodes
 * @param cities the cities
 * @param countries the countries
 */
record OdsRecord(
        String json,
        String code,
        String name,
        boolean active,
        Set<String> roles,
        Set<String> activeRoles,
        LocalDate lastChange,
        List<String> postcodes,
        List<String> cities,
        List<String> countries) {
    static final String ROLE_EXT = "https://fhir.nhs.uk/England/StructureDefinition/Extension-England-OrganisationRole";
    static final String ROLE_SYSTEM =
            "https://digital.nhs.uk/services/organisation-data-service/CodeSystem/ODSOrganisationRole";
    static final String DATE_EXT = "https://fhir.nhs.uk/England/StructureDefinition/Extension-England-TypedDateTime";
    static final String ODS_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code";

    static OdsRecord of(ObjectNode o) {
        Set<String> roles = new LinkedHashSet<>();
        Set<String> active = new LinkedHashSet<>();
        LocalDate changed = null;
        for (JsonNode ext : o.path("extension")) {
            String url = ext.path("url").asText("");
            if (ROLE_EXT.equals(url)) {
                String code = null;
                boolean on = false;
                for (JsonNode e : ext.path("extension")) {
                    if ("roleCode".equals(e.path("url").asText())) {
                        code = e.path("valueCodeableConcept")
                                .path("coding")
                                .path(0)
                                .path("code")
                                .asText(null);
                    } else if ("active".equals(e.path("url").asText())) {
                        on = e.path("valueBoolean").asBoolean(false);
                    }
                }
                if (code != null) {
                    roles.add(code);
                    if (on) {
                        active.add(code);
                    }
                }
            } else if (DATE_EXT.equals(url)) {
                for (JsonNode e : ext.path("extension")) {
                    if ("dateTime".equals(e.path("url").asText())) {
                        changed =
                                LocalDate.parse(e.path("valueDateTime").asText().substring(0, 10));
                    }
                }
            }
        }
        List<String> postcodes = new java.util.ArrayList<>();
        List<String> cities = new java.util.ArrayList<>();
        List<String> countries = new java.util.ArrayList<>();
        for (JsonNode a : o.path("address")) {
            addIfText(postcodes, a.path("postalCode"));
            addIfText(cities, a.path("city"));
            addIfText(countries, a.path("country"));
        }
        return new OdsRecord(
                Json.write(o),
                o.path("id").asText(),
                o.path("name").asText(""),
                o.path("active").asBoolean(false),
                Set.copyOf(roles),
                Set.copyOf(active),
                changed,
                postcodes,
                cities,
                countries);
    }

    private static void addIfText(List<String> out, JsonNode n) {
        if (n.isTextual()) {
            out.add(n.asText());
        }
    }

    /** Builds an Organization resource as ODS serves it. */
    static ObjectNode organisation(
            String code,
            String name,
            LocalDate changed,
            String city,
            String postcode,
            List<String> roleCodes,
            List<String> roleNames) {
        ObjectNode o = Json.object();
        o.put("resourceType", "Organization");
        o.put("id", code);
        ObjectNode meta = o.putObject("meta");
        meta.put("versionId", "1");
        meta.putArray("profile")
                .add("https://fhir.nhs.uk/England/StructureDefinition/England-Organization-ODS")
                .add("https://fhir.hl7.org.uk/StructureDefinition/UKCore-Organization");
        ArrayNode ext = o.putArray("extension");
        for (int i = 0; i < roleCodes.size(); i++) {
            ObjectNode role = ext.addObject();
            role.put("url", ROLE_EXT);
            ArrayNode parts = role.putArray("extension");
            parts.addObject()
                    .put("url", "instanceID")
                    .put("valueInteger", 100000 + Math.abs((code + i).hashCode() % 900000));
            ObjectNode coding = parts.addObject()
                    .put("url", "roleCode")
                    .putObject("valueCodeableConcept")
                    .putArray("coding")
                    .addObject();
            coding.put("system", ROLE_SYSTEM).put("code", roleCodes.get(i));
            if (i < roleNames.size()) {
                coding.put("display", roleNames.get(i));
            }
            for (String type : new String[] {"Legal", "Operational"}) {
                ObjectNode period = parts.addObject();
                period.put("url", "https://fhir.nhs.uk/England/StructureDefinition/Extension-England-TypedPeriod");
                ArrayNode p = period.putArray("extension");
                p.addObject()
                        .put("url", "dateType")
                        .putObject("valueCoding")
                        .put("system", "https://fhir.nhs.uk/England/CodeSystem/England-PeriodType")
                        .put("code", type)
                        .put("display", type);
                p.addObject().put("url", "period").putObject("valuePeriod").put("start", "2001-04-01");
            }
            parts.addObject().put("url", "active").put("valueBoolean", true);
        }
        ObjectNode date = ext.addObject();
        date.put("url", DATE_EXT);
        ArrayNode dp = date.putArray("extension");
        dp.addObject()
                .put("url", "type")
                .putObject("valueCoding")
                .put("system", "https://fhir.nhs.uk/England/CodeSystem/England-ODSDateTime")
                .put("code", "LastChangeDate")
                .put("display", "Last Change Date");
        dp.addObject().put("url", "dateTime").put("valueDateTime", changed.toString());
        ObjectNode id = o.putArray("identifier").addObject();
        id.put("use", "official").put("system", ODS_SYSTEM).put("value", code);
        id.putObject("assigner").put("display", "HSCIC");
        o.put("active", true);
        ArrayNode type = o.putArray("type");
        type.addObject()
                .putArray("coding")
                .addObject()
                .put("system", "https://fhir.nhs.uk/England/CodeSystem/England-ODSRecordUseType")
                .put("code", "Full")
                .put("display", "Full");
        boolean site = code.length() > 4 && roleCodes.contains("RO198");
        type.addObject()
                .putArray("coding")
                .addObject()
                .put("system", "https://digital.nhs.uk/services/organisation-data-service/CodeSystem/ODSRecordClass")
                .put("code", site ? "RC2" : "RC1")
                .put("display", site ? "HSCSite" : "HSCOrg");
        o.put("name", name);
        o.putArray("telecom")
                .addObject()
                .put("system", "phone")
                .put("value", "0113 000 " + String.format("%04d", Math.abs(code.hashCode() % 10000)));
        ObjectNode address = o.putArray("address").addObject();
        address.putArray("line").add("1 " + name.split(" ")[0] + " STREET");
        address.put("city", city).put("postalCode", postcode).put("country", "ENGLAND");
        return o;
    }

    /** Sets the last change date of a resource. */
    static void lastChange(ObjectNode o, LocalDate day) {
        for (JsonNode ext : o.path("extension")) {
            if (DATE_EXT.equals(ext.path("url").asText(""))) {
                for (JsonNode e : ext.path("extension")) {
                    if ("dateTime".equals(e.path("url").asText())) {
                        ((ObjectNode) e).put("valueDateTime", day.toString());
                    }
                }
            }
        }
        ObjectNode meta = o.get("meta") instanceof ObjectNode ? (ObjectNode) o.get("meta") : o.putObject("meta");
        meta.put("versionId", Integer.toString(meta.path("versionId").asInt(0) + 1));
    }

    /** The resource as a tree, to change. */
    ObjectNode tree() {
        try {
            return (ObjectNode) Json.tree(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    String nameUpper() {
        return name.toUpperCase(Locale.ROOT);
    }
}

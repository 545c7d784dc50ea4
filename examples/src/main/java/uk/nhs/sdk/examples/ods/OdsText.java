package uk.nhs.sdk.examples.ods;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import uk.nhs.sdk.records.ods.OdsContact;
import uk.nhs.sdk.records.ods.Organization;
import uk.nhs.sdk.records.ods.OrganizationRole;

/** How the ODS commands print an organisation as text. */
final class OdsText {
    private OdsText() {}

    static String role(OrganizationRole r) {
        return r.code()
                + r.display().map(d -> " " + d).orElse("")
                + (r.primary().orElse(false) ? " (primary)" : "")
                + (r.active() ? "" : " (inactive)");
    }

    static String line(Organization o) {
        return o.odsCode().value() + "  " + o.name() + "  "
                + o.primaryRole()
                        .or(() -> o.roles().stream().findFirst())
                        .map(OrganizationRole::code)
                        .orElse("-") + (o.active() ? "" : "  [inactive]")
                + o.addresses().stream()
                        .findFirst()
                        .flatMap(a -> a.postalCode())
                        .map(p -> "  " + p)
                        .orElse("");
    }

    static List<String> lines(Organization o) {
        List<String> out = new ArrayList<>();
        out.add(row("ODS code", o.odsCode().value()));
        out.add(row("Name", o.name()));
        out.add(row("Status", o.active() ? "active" : "inactive"));
        o.recordClass()
                .ifPresent(c -> out.add(row("Record class", c + ("RC2".equals(c) ? " (site)" : " (organisation)"))));
        for (OrganizationRole r : o.roles()) {
            out.add(row(
                    "Role",
                    role(r)
                            + r.operationalPeriod()
                                    .map(p -> ", operational " + p)
                                    .orElse("")));
        }
        o.addresses().forEach(a -> out.add(row("Address", a.toString())));
        for (OdsContact c : o.contacts()) {
            out.add(row("Contact", c.system() + " " + c.value()));
        }
        o.lastChangeDate().ifPresent(d -> out.add(row("Last change", d.toString())));
        return out;
    }

    static String row(String label, String value) {
        return String.format("%-13s%s", label, value);
    }

    static String codes(List<OrganizationRole> roles) {
        return roles.stream().map(OrganizationRole::code).collect(Collectors.joining(","));
    }
}

package uk.nhs.sdk.examples.pds;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.fhir.Coding;
import uk.nhs.sdk.identity.pds.Address;
import uk.nhs.sdk.identity.pds.ContactPoint;
import uk.nhs.sdk.identity.pds.FhirDate;
import uk.nhs.sdk.identity.pds.Patient;
import uk.nhs.sdk.identity.pds.PatientName;

/**
 * How the PDS commands print a patient's parts as text on stdout (the user asked for them; they
 * never go to logs or stderr).
 */
final class PdsText {
    private PdsText() {}

    static String name(PatientName n) {
        List<String> parts = new ArrayList<>(n.prefixes());
        parts.addAll(n.given());
        n.family().ifPresent(parts::add);
        parts.addAll(n.suffixes());
        return String.join(" ", parts) + n.use().map(u -> " (" + u.code() + ")").orElse("");
    }

    static String address(Address a) {
        List<String> parts = new ArrayList<>(a.lines());
        a.postalCode().ifPresent(parts::add);
        return String.join(", ", parts)
                + a.use().map(u -> " (" + u.code() + ")").orElse("");
    }

    static String telecom(ContactPoint t) {
        return t.system().map(s -> s.code()).orElse("?") + " " + t.value().orElse("")
                + t.use().map(u -> " (" + u.code() + ")").orElse("");
    }

    static String date(FhirDate d) {
        return d.text();
    }

    static String coding(Coding c) {
        return c.display().or(c::code).orElse("?");
    }

    static String number(Patient p) {
        return p.nhsNumber().map(NhsNumber::formatted).orElse(p.id());
    }

    /** The patient, one labelled line per field present. */
    static List<String> lines(Patient p) {
        List<String> out = new ArrayList<>();
        out.add(row("NHS number", number(p)));
        p.version().ifPresent(v -> out.add(row("Version", String.valueOf(v))));
        out.add(row(
                "Sensitivity", p.sensitivity().name().toLowerCase(Locale.ROOT).replace('_', ' ')));
        p.names().forEach(n -> out.add(row("Name", name(n))));
        p.gender().ifPresent(g -> out.add(row("Gender", g.code())));
        p.birthDate().ifPresent(d -> out.add(row("Born", date(d))));
        p.deceasedDateTime().ifPresent(d -> out.add(row("Died", date(d))));
        p.addresses().forEach(a -> out.add(row("Address", address(a))));
        p.telecom().forEach(t -> out.add(row("Telecom", telecom(t))));
        p.generalPractitioner().ifPresent(g -> out.add(row("GP practice", g.odsCode())));
        p.nominatedPharmacy().ifPresent(g -> out.add(row("Pharmacy", g.odsCode())));
        p.communication().flatMap(c -> c.language()).ifPresent(l -> out.add(row("Language", coding(l))));
        p.deathNotification().flatMap(d -> d.status()).ifPresent(s -> out.add(row("Death notice", coding(s))));
        return out;
    }

    static String row(String label, String value) {
        return String.format("%-13s%s", label, value);
    }

    static String joined(List<String> values) {
        return values.stream().collect(Collectors.joining(", "));
    }
}

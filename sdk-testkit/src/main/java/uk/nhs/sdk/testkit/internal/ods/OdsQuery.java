package uk.nhs.sdk.testkit.internal.ods;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import uk.nhs.sdk.testkit.internal.RequestTarget;

/**
 * An organisation search's parameters turned into a filter, as the ODS API defines them; an
 * unknown parameter or a bad date is refused with HAPI's errors.
 */
final class OdsQuery {
    static final Set<String> ORGANIZATION_PARAMETERS = Set.of(
            "_id",
            "identifier",
            "name",
            "name:contains",
            "name:exact",
            "active",
            "address-postalcode",
            "address-postalcode:contains",
            "address-postalcode:exact",
            "address-city",
            "address-city:contains",
            "address-city:exact",
            "address-country",
            "address-country:contains",
            "address-country:exact",
            "roleCode",
            "roleCode:not",
            "activeRoleCode",
            "activeRoleCode:not",
            "lastChangeDate",
            "_count",
            "_offset",
            "_summary",
            "_revinclude",
            "_format");

    private OdsQuery() {}

    static List<Map.Entry<String, String>> parse(String url) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        String raw = RequestTarget.rawQuery(url);
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.add(new AbstractMap.SimpleImmutableEntry<>(k, v));
        }
        return out;
    }

    static Predicate<OdsRecord> organisationFilter(List<Map.Entry<String, String>> query) {
        Predicate<OdsRecord> all = r -> true;
        for (Map.Entry<String, String> q : query) {
            String v = q.getValue();
            String upper = v.toUpperCase(Locale.ROOT);
            Predicate<OdsRecord> p;
            switch (q.getKey()) {
                case "_id":
                    p = r -> r.code().equalsIgnoreCase(v);
                    break;
                case "identifier":
                    p = r -> r.code().equalsIgnoreCase(v.substring(v.indexOf('|') + 1));
                    break;
                case "name":
                    p = r -> r.nameUpper().startsWith(upper);
                    break;
                case "name:contains":
                    p = r -> r.nameUpper().contains(upper);
                    break;
                case "name:exact":
                    p = r -> r.name().equals(v);
                    break;
                case "active":
                    p = r -> r.active() == Boolean.parseBoolean(v);
                    break;
                case "address-postalcode":
                    p = r -> r.postcodes().stream()
                            .anyMatch(s -> s.toUpperCase(Locale.ROOT).startsWith(upper));
                    break;
                case "address-postalcode:contains":
                    p = r -> r.postcodes().stream()
                            .anyMatch(s -> s.toUpperCase(Locale.ROOT).contains(upper));
                    break;
                case "address-postalcode:exact":
                    p = r -> r.postcodes().contains(v);
                    break;
                case "address-city":
                    p = r -> r.cities().stream()
                            .anyMatch(s -> s.toUpperCase(Locale.ROOT).startsWith(upper));
                    break;
                case "address-city:contains":
                    p = r -> r.cities().stream()
                            .anyMatch(s -> s.toUpperCase(Locale.ROOT).contains(upper));
                    break;
                case "address-city:exact":
                    p = r -> r.cities().contains(v);
                    break;
                case "address-country":
                    p = r -> r.countries().stream()
                            .anyMatch(s -> s.toUpperCase(Locale.ROOT).startsWith(upper));
                    break;
                case "address-country:contains":
                    p = r -> r.countries().stream()
                            .anyMatch(s -> s.toUpperCase(Locale.ROOT).contains(upper));
                    break;
                case "address-country:exact":
                    p = r -> r.countries().contains(v);
                    break;
                case "roleCode":
                    p = anyRole(v, false);
                    break;
                case "roleCode:not":
                    p = anyRole(v, false).negate();
                    break;
                case "activeRoleCode":
                    p = anyRole(v, true);
                    break;
                case "activeRoleCode:not":
                    p = anyRole(v, true).negate();
                    break;
                case "lastChangeDate":
                    p = date(v);
                    break;
                default:
                    if (!ORGANIZATION_PARAMETERS.contains(q.getKey())) {
                        throw OdsError.unknownParameter(q.getKey(), "Organization");
                    }
                    p = r -> true;
                    break;
            }
            all = all.and(p);
        }
        return all;
    }

    /** Comma = OR; each code may carry the CodeSystem before a {@code |}. */
    private static Predicate<OdsRecord> anyRole(String value, boolean activeOnly) {
        List<String> codes = new ArrayList<>();
        for (String c : value.split(",")) {
            codes.add(c.substring(c.indexOf('|') + 1).strip().toUpperCase(Locale.ROOT));
        }
        return r -> codes.stream().anyMatch(c -> (activeOnly ? r.activeRoles() : r.roles()).contains(c));
    }

    private static Predicate<OdsRecord> date(String value) {
        String prefix = value.length() > 2 && Character.isLetter(value.charAt(0)) ? value.substring(0, 2) : "eq";
        String day = "eq".equals(prefix) && !value.startsWith("eq") ? value : value.substring(2);
        LocalDate d;
        try {
            d = LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            throw OdsError.badDate(value);
        }
        switch (prefix) {
            case "gt":
                return r -> r.lastChange() != null && r.lastChange().isAfter(d);
            case "lt":
                return r -> r.lastChange() != null && r.lastChange().isBefore(d);
            case "ge":
                return r -> r.lastChange() != null && !r.lastChange().isBefore(d);
            case "le":
                return r -> r.lastChange() != null && !r.lastChange().isAfter(d);
            case "eq":
                return r -> d.equals(r.lastChange());
            default:
                throw OdsError.badDate(value);
        }
    }
}

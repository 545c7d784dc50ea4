package uk.nhs.sdk.testkit.internal.pds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Patient search as PDS's OpenAPI {@code patient-search} description defines it, over the fake's
 * records: the parameter checks (with PDS's error codes), non-fuzzy matching (case-insensitive,
 * {@code *} wildcards after the first two characters, optional history), fuzzy matching (Soundex
 * homophones, transposed names, always history, no wildcards), date ranges, exact email and
 * phone, postcode with spaces ignored, GP practice, restricted patients left out of postcode and
 * GP searches, {@code _exact-match} and {@code _max-results} (too many matches).
 *
 * <p>Periods are not compared with today: the sandbox's records have periods in the past that PDS's
 * own sandbox still treats as current.
 *
 * <p>PDS does not publish its scoring. The fake scores 1.0 for a match on exact values and takes
 * 0.05 off for each wildcard or date range used and 0.1 for each name matched only fuzzily (and,
 * in a fuzzy search, for a death date or GP practice that does not match).
 */
final class PdsSearch {
    static final Set<String> PARAMETERS = Set.of(
            "_fuzzy-match",
            "_exact-match",
            "_history",
            "_max-results",
            "family",
            "given",
            "gender",
            "birthdate",
            "death-date",
            "address-postalcode",
            "address-postcode",
            "general-practitioner",
            "email",
            "phone",
            "managing-organization");
    private static final Set<String> BOOLEANS = Set.of("_fuzzy-match", "_exact-match", "_history");
    private static final Set<String> GENDERS = Set.of("male", "female", "other", "unknown");
    private static final Set<String> CURRENT_NAME_USES = Set.of("usual", "nickname", "temp", "official");
    private static final Pattern DATE = Pattern.compile("(eq|ge|le)([0-9]{4}-[0-9]{2}-[0-9]{2})");
    private static final int DEFAULT_MAX_RESULTS = 50;

    /** A checked search. */
    private static final class Query {
        boolean fuzzy;
        boolean exact;
        boolean history;
        int maxResults = DEFAULT_MAX_RESULTS;
        String family;
        List<String> given = List.of();
        String gender;
        List<String[]> birth = new ArrayList<>();
        List<String[]> death = new ArrayList<>();
        String postcode;
        String gp;
        String email;
        String phone;
    }

    /** One match. */
    record Match(ObjectNode patient, double score) {}

    /** The outcome: matches, or more than {@code _max-results}. */
    record Result(List<Match> matches, boolean tooMany) {}

    private PdsSearch() {}

    private static PdsError invalidValue(String value, String field) {
        return PdsError.badRequest("INVALID_VALUE", "Invalid value - '" + value + "' in field '" + field + "'");
    }

    private static PdsError invalidSearch(String why) {
        return PdsError.badRequest("INVALID_SEARCH_DATA", "Invalid search data provided - '" + why + "'");
    }

    static Result search(Map<String, List<String>> params, Collection<ObjectNode> patients) {
        Query q = check(params);
        List<Match> matches = new ArrayList<>();
        for (ObjectNode p : patients) {
            if ((q.postcode != null || q.gp != null) && PdsRecords.isRestricted(p)) {
                continue;
            }
            Double score = score(q, p);
            if (score != null && (!q.exact || score >= 1.0)) {
                matches.add(new Match(p, score));
            }
        }
        matches.sort(Comparator.comparingDouble(Match::score)
                .reversed()
                .thenComparing(m -> m.patient().path("id").asText("")));
        return new Result(matches.size() > q.maxResults ? List.of() : matches, matches.size() > q.maxResults);
    }

    private static Query check(Map<String, List<String>> params) {
        if (params.isEmpty()) {
            throw PdsError.badRequest("UNSUPPORTED_SERVICE", null);
        }
        for (String name : params.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw PdsError.badRequest(
                        "ADDITIONAL_PROPERTIES",
                        "Invalid request with error - Additional properties are not allowed ('" + name
                                + "' was unexpected)");
            }
        }
        Map<String, String> single = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            boolean repeatable = Set.of("given", "birthdate", "death-date").contains(e.getKey());
            if (!repeatable && e.getValue().size() > 1) {
                throw invalidSearch("'" + e.getKey() + "' may only be given once");
            }
            single.put(e.getKey(), e.getValue().get(0));
        }
        Query q = new Query();
        for (String b : BOOLEANS) {
            String v = single.get(b);
            if (v != null && !v.equals("true") && !v.equals("false")) {
                throw invalidValue(v, b);
            }
        }
        q.fuzzy = "true".equals(single.get("_fuzzy-match"));
        q.exact = "true".equals(single.get("_exact-match"));
        q.history = "true".equals(single.get("_history")) || q.fuzzy;
        if (single.containsKey("_max-results")) {
            String v = single.get("_max-results");
            try {
                q.maxResults = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw invalidValue(v, "_max-results");
            }
            if (q.maxResults < 1 || q.maxResults > 50) {
                throw invalidValue(v, "_max-results");
            }
        }
        q.family = single.get("family");
        q.given = params.getOrDefault("given", List.of());
        q.gender = single.get("gender");
        if (q.gender != null && !GENDERS.contains(q.gender)) {
            throw invalidValue(q.gender, "gender");
        }
        q.birth = dates(params.getOrDefault("birthdate", List.of()), "birthdate");
        q.death = dates(params.getOrDefault("death-date", List.of()), "death-date");
        if (single.containsKey("address-postalcode") && single.containsKey("address-postcode")) {
            throw invalidSearch("address-postalcode and address-postcode cannot both be provided");
        }
        q.postcode = single.containsKey("address-postalcode")
                ? single.get("address-postalcode")
                : single.get("address-postcode");
        q.gp = single.get("general-practitioner");
        q.email = single.get("email");
        q.phone = single.get("phone");
        List<String> wildcardable = new ArrayList<>(q.given);
        wildcardable.add(q.family);
        wildcardable.add(q.postcode);
        for (String v : wildcardable) {
            if (v != null && v.length() > 35) {
                throw invalidValue(v, "family/given");
            }
            int star = v == null ? -1 : v.indexOf('*');
            if (star >= 0 && star < 2) {
                throw invalidSearch("wildcards must be preceded by at least two characters");
            }
            if (star >= 0 && q.fuzzy) {
                throw invalidSearch("wildcards cannot be used with a fuzzy search");
            }
        }
        for (String v : new String[] {q.gp, q.email, q.phone}) {
            if (v != null && v.indexOf('*') >= 0) {
                throw invalidSearch("wildcards cannot be used with email, phone or general-practitioner");
            }
        }
        boolean given = !q.given.isEmpty();
        boolean family = q.family != null;
        boolean birth = !q.birth.isEmpty();
        boolean genderAndPostcode = q.gender != null && q.postcode != null;
        if (q.fuzzy) {
            if (!((given && family && birth)
                    || (family && birth && genderAndPostcode)
                    || (given && birth && genderAndPostcode))) {
                throw invalidSearch("Search did not meet the minimum requirements for a fuzzy search");
            }
        } else if (!birth) {
            throw PdsError.badRequest(
                    "MISSING_VALUE", "Missing value - 'birth_date/birth_date_range_start/birth_date_range_end'");
        } else if (!family) {
            throw invalidSearch("Search did not meet the minimum requirements");
        }
        return q;
    }

    private static List<String[]> dates(List<String> values, String field) {
        List<String[]> out = new ArrayList<>();
        for (String v : values) {
            var m = DATE.matcher(v);
            if (!m.matches()) {
                throw invalidValue(v, field);
            }
            try {
                LocalDate.parse(m.group(2));
            } catch (DateTimeParseException e) {
                throw invalidValue(v, field);
            }
            out.add(new String[] {m.group(1), m.group(2)});
        }
        if (out.size() > 2
                || (out.size() == 2 && !(Set.of(out.get(0)[0], out.get(1)[0]).equals(Set.of("ge", "le"))))) {
            throw invalidSearch(field + " takes one value, or a ge and an le value for a range");
        }
        return out;
    }

    /** The score of a patient, or null when it does not match. */
    private static Double score(Query q, ObjectNode p) {
        double penalty = 0;
        if (q.family != null || !q.given.isEmpty()) {
            Double names = bestName(q, p);
            if (names == null) {
                return null;
            }
            penalty += names;
        }
        if (q.gender != null && !q.gender.equals(p.path("gender").asText(null))) {
            return null;
        }
        if (!q.birth.isEmpty()) {
            if (!dateMatches(q.birth, p.path("birthDate").asText(""))) {
                return null;
            }
            penalty += rangePenalty(q.birth);
        }
        if (!q.death.isEmpty()) {
            boolean ok = dateMatches(q.death, p.path("deceasedDateTime").asText(""));
            if (!ok && !q.fuzzy) {
                return null;
            }
            penalty += ok ? rangePenalty(q.death) : 0.1;
        }
        if (q.postcode != null) {
            Double pc = postcode(q, p);
            if (pc == null) {
                return null;
            }
            penalty += pc;
        }
        if (q.gp != null) {
            String gp = p.path("generalPractitioner")
                    .path(0)
                    .path("identifier")
                    .path("value")
                    .asText("");
            boolean ok = gp.equalsIgnoreCase(q.gp);
            if (!ok && !q.fuzzy) {
                return null;
            }
            penalty += ok ? 0 : 0.1;
        }
        if (q.email != null && !telecom(p, "email", q.email)) {
            return null;
        }
        if (q.phone != null && !telecom(p, "phone", q.phone)) {
            return null;
        }
        return Math.max(0.5, Math.round((1.0 - penalty) * 10000) / 10000.0);
    }

    private static double rangePenalty(List<String[]> criteria) {
        return "eq".equals(criteria.get(0)[0]) ? 0 : 0.05;
    }

    private static boolean dateMatches(List<String[]> criteria, String value) {
        if (value.length() < 10) {
            return false;
        }
        LocalDate d;
        try {
            d = LocalDate.parse(value.substring(0, 10));
        } catch (DateTimeParseException e) {
            return false;
        }
        for (String[] c : criteria) {
            LocalDate x = LocalDate.parse(c[1]);
            boolean ok = "eq".equals(c[0]) ? d.equals(x) : "ge".equals(c[0]) ? !d.isBefore(x) : !d.isAfter(x);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The smallest penalty over the patient's names, or null when no name matches. */
    private static Double bestName(Query q, ObjectNode p) {
        Double best = null;
        for (JsonNode name : p.path("name")) {
            String use = name.path("use").asText("usual");
            if (!q.history && !CURRENT_NAME_USES.contains(use)) {
                continue;
            }
            String family = name.path("family").asText(null);
            List<String> given = new ArrayList<>();
            name.path("given").forEach(g -> given.add(g.asText()));
            Double d = nameMatch(q, family, given);
            if (d == null && q.fuzzy && family != null && !given.isEmpty()) {
                List<String> swapped = new ArrayList<>(given);
                swapped.set(0, family);
                d = nameMatch(q, given.get(0), swapped);
                d = d == null ? null : d + 0.1;
            }
            if (d != null && (best == null || d < best)) {
                best = d;
            }
        }
        return best;
    }

    private static Double nameMatch(Query q, String family, List<String> given) {
        double penalty = 0;
        if (q.family != null) {
            Double f = text(q, q.family, family);
            if (f == null) {
                return null;
            }
            penalty += f;
        }
        if (!q.given.isEmpty()) {
            if (given.isEmpty()) {
                return null;
            }
            Double first = text(q, q.given.get(0), given.get(0));
            if (first == null) {
                return null;
            }
            penalty += first;
            for (String more : q.given.subList(1, q.given.size())) {
                boolean found = given.subList(1, given.size()).stream().anyMatch(g -> g.equalsIgnoreCase(more));
                if (!found) {
                    return null;
                }
            }
        }
        return penalty;
    }

    /** 0 for an exact match, 0.05 for a wildcard match, 0.1 for a Soundex match, null for none. */
    private static Double text(Query q, String wanted, String actual) {
        if (actual == null) {
            return null;
        }
        String w = wanted.toLowerCase(Locale.ROOT);
        String a = actual.toLowerCase(Locale.ROOT);
        if (w.indexOf('*') >= 0) {
            return glob(w).matcher(a).matches() ? 0.05 : null;
        }
        if (w.equals(a)) {
            return 0.0;
        }
        return q.fuzzy && soundex(w).equals(soundex(a)) ? 0.1 : null;
    }

    private static Pattern glob(String wildcard) {
        StringBuilder sb = new StringBuilder();
        for (String part : wildcard.split("\\*", -1)) {
            if (sb.length() > 0 || wildcard.startsWith("*")) {
                sb.append(".*");
            }
            sb.append(Pattern.quote(part));
        }
        return Pattern.compile(sb.toString());
    }

    private static Double postcode(Query q, ObjectNode p) {
        String wanted = q.postcode.replace(" ", "").toLowerCase(Locale.ROOT);
        for (JsonNode a : p.path("address")) {
            if (!q.history && !"home".equals(a.path("use").asText("home"))) {
                continue;
            }
            String pc = a.path("postalCode").asText("").replace(" ", "").toLowerCase(Locale.ROOT);
            if (wanted.indexOf('*') >= 0 ? glob(wanted).matcher(pc).matches() : wanted.equals(pc)) {
                return wanted.indexOf('*') >= 0 ? 0.05 : 0.0;
            }
        }
        return null;
    }

    private static boolean telecom(ObjectNode p, String system, String value) {
        for (JsonNode t : p.path("telecom")) {
            if (!system.equals(t.path("system").asText(""))) {
                continue;
            }
            String v = t.path("value").asText("");
            if ("email".equals(system) ? v.equalsIgnoreCase(value) : v.equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** American Soundex: the first letter and three digits. */
    static String soundex(String s) {
        String letters = s.toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", "");
        if (letters.isEmpty()) {
            return "";
        }
        String codes = "01230120022455012623010202";
        StringBuilder out = new StringBuilder().append(letters.charAt(0));
        char last = codes.charAt(letters.charAt(0) - 'A');
        for (int i = 1; i < letters.length() && out.length() < 4; i++) {
            char ch = letters.charAt(i);
            char c = codes.charAt(ch - 'A');
            if (c != '0' && c != last) {
                out.append(c);
            }
            if (ch != 'H' && ch != 'W') {
                last = c;
            }
        }
        while (out.length() < 4) {
            out.append('0');
        }
        return out.toString();
    }
}

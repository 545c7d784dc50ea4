package uk.nhs.sdk.identity.pds.internal;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a checked search into PDS query parameters, in the order the OpenAPI lists them, with
 * repeatable parameters ({@code given}, {@code birthdate}, {@code death-date}) repeated. Values
 * are sent as given (PDS matches names case-insensitively and ignores spaces in postcodes).
 * Internal.
 */
public final class SearchQuery {
    private SearchQuery() {}

    /**
     * The query parameters.
     *
     * @param c a search that passed {@link SearchRules#check}
     * @return an unmodifiable list of name/value pairs
     */
    public static List<Map.Entry<String, String>> of(SearchCriteria c) {
        List<Map.Entry<String, String>> q = new ArrayList<>();
        if (c.fuzzy()) {
            add(q, "_fuzzy-match", "true");
        }
        if (c.exact()) {
            add(q, "_exact-match", "true");
        }
        if (c.history()) {
            add(q, "_history", "true");
        }
        if (c.maxResults() != null) {
            add(q, "_max-results", String.valueOf(c.maxResults()));
        }
        add(q, "family", c.family());
        c.given().forEach(g -> add(q, "given", g));
        add(q, "gender", c.gender());
        c.birthDates().forEach(d -> add(q, "birthdate", d.queryValue()));
        c.deathDates().forEach(d -> add(q, "death-date", d.queryValue()));
        add(q, "address-postalcode", c.postalCode());
        add(q, "address-postcode", c.legacyPostcode());
        add(q, "general-practitioner", c.generalPractitioner());
        add(q, "email", c.email());
        add(q, "phone", c.phone());
        return List.copyOf(q);
    }

    /**
     * The names of the parameters a search uses, without values (safe to log).
     *
     * @param c the search
     * @return the names, in query order, each once
     */
    public static Set<String> names(SearchCriteria c) {
        Set<String> names = new LinkedHashSet<>();
        of(c).forEach(e -> names.add(e.getKey()));
        return names;
    }

    private static void add(List<Map.Entry<String, String>> q, String name, String value) {
        if (value != null) {
            q.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
        }
    }
}

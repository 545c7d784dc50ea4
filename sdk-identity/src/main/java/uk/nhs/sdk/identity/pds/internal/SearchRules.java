package uk.nhs.sdk.identity.pds.internal;

import java.util.List;
import uk.nhs.sdk.core.error.NhsValidationException;

/**
 * PDS's rules for a patient search (its OpenAPI {@code patient-search} description and parameter
 * definitions), checked before any call so an impossible search never reaches the service.
 * Messages name the rule, never a value. Internal.
 */
public final class SearchRules {
    /** PDS's limit on {@code family} and {@code given}. */
    public static final int MAX_NAME_LENGTH = 35;
    /** The most results a healthcare worker may ask for. */
    public static final int MAX_RESULTS = 50;

    private SearchRules() {}

    /**
     * Checks a search.
     *
     * @param c the search
     * @throws NhsValidationException naming the first rule it breaks
     */
    public static void check(SearchCriteria c) {
        name("family", c.family());
        for (String g : c.given()) {
            name("given", g);
        }
        text("address-postalcode", c.postalCode());
        text("address-postcode", c.legacyPostcode());
        text("general-practitioner", c.generalPractitioner());
        text("email", c.email());
        text("phone", c.phone());
        if (c.postalCode() != null && c.legacyPostcode() != null) {
            throw new NhsValidationException(
                    "address-postcode", "address-postalcode and the deprecated address-postcode cannot both be sent");
        }
        wildcardPlacement("family", c.family());
        for (String g : c.given()) {
            wildcardPlacement("given", g);
        }
        wildcardPlacement("address-postalcode", c.postalCode());
        wildcardPlacement("address-postcode", c.legacyPostcode());
        noWildcard("general-practitioner", c.generalPractitioner(), "must match exactly: no wildcards");
        noWildcard("email", c.email(), "is matched exactly: no wildcards");
        noWildcard("phone", c.phone(), "is matched exactly: no wildcards");
        dates("birthdate", c.birthDates());
        dates("death-date", c.deathDates());
        if (c.maxResults() != null && (c.maxResults() < 1 || c.maxResults() > MAX_RESULTS)) {
            throw new NhsValidationException("_max-results", "must be between 1 and " + MAX_RESULTS);
        }
        if (c.fuzzy()) {
            fuzzy(c);
        } else if (c.family() == null || c.birthDates().isEmpty()) {
            throw new NhsValidationException(
                    "search", "a non-fuzzy search needs at least family and birthdate (a range is allowed)");
        }
    }

    private static void fuzzy(SearchCriteria c) {
        if (hasWildcard(c.family())
                || c.given().stream().anyMatch(SearchRules::hasWildcard)
                || hasWildcard(c.postalCode())
                || hasWildcard(c.legacyPostcode())) {
            throw new NhsValidationException("_fuzzy-match", "wildcards cannot be used in a fuzzy search");
        }
        boolean family = c.family() != null;
        boolean given = !c.given().isEmpty();
        boolean birth = !c.birthDates().isEmpty();
        boolean gender = c.gender() != null;
        boolean postcode = c.postalCode() != null || c.legacyPostcode() != null;
        boolean ok = (given && family && birth)
                || (family && birth && gender && postcode)
                || (given && birth && gender && postcode);
        if (!ok) {
            throw new NhsValidationException(
                    "_fuzzy-match",
                    "a fuzzy search needs given, family and birthdate; "
                            + "or family, birthdate, gender and postcode; or given, birthdate, gender and postcode");
        }
    }

    private static void name(String field, String value) {
        text(field, value);
        if (value != null && value.length() > MAX_NAME_LENGTH) {
            throw new NhsValidationException(field, "at most " + MAX_NAME_LENGTH + " characters");
        }
    }

    private static void text(String field, String value) {
        if (value != null && value.isBlank()) {
            throw new NhsValidationException(field, "must not be blank");
        }
    }

    static boolean hasWildcard(String value) {
        return value != null && value.indexOf('*') >= 0;
    }

    private static void wildcardPlacement(String field, String value) {
        if (value == null) {
            return;
        }
        int first = value.indexOf('*');
        if (first >= 0 && first < 2) {
            throw new NhsValidationException(field, "a wildcard (*) cannot be in the first two characters");
        }
    }

    private static void noWildcard(String field, String value, String rule) {
        if (hasWildcard(value)) {
            throw new NhsValidationException(field, rule);
        }
    }

    private static void dates(String field, List<DateCriterion> dates) {
        if (dates.size() > 2) {
            throw new NhsValidationException(field, "at most two values: a ge and an le for a range");
        }
        if (dates.size() == 2) {
            DateCriterion a = dates.get(0);
            DateCriterion b = dates.get(1);
            DateCriterion ge = "ge".equals(a.comparator()) ? a : "ge".equals(b.comparator()) ? b : null;
            DateCriterion le = "le".equals(a.comparator()) ? a : "le".equals(b.comparator()) ? b : null;
            if (ge == null || le == null) {
                throw new NhsValidationException(field, "a range is one ge and one le value");
            }
            if (le.date().isBefore(ge.date())) {
                throw new NhsValidationException(field, "the range ends before it starts");
            }
        }
    }
}

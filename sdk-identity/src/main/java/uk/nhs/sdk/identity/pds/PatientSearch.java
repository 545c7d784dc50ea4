package uk.nhs.sdk.identity.pds;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.identity.pds.internal.DateCriterion;
import uk.nhs.sdk.identity.pds.internal.SearchCriteria;
import uk.nhs.sdk.identity.pds.internal.SearchQuery;
import uk.nhs.sdk.identity.pds.internal.SearchRules;

/**
 * A patient search ({@code GET /Patient?...}), checked against PDS's rules when built so an
 * impossible search never reaches the service.
 *
 * <pre>{@code
 * PatientSearch q = PatientSearch.builder()
 *     .family("Smith").given("Jane")
 *     .birthDate(LocalDate.of(2010, 10, 22))
 *     .build();
 * }</pre>
 *
 * <p>The rules, from PDS's OpenAPI description:
 * <ul>
 *   <li>a non-fuzzy search needs at least {@code family} and {@code birthdate} (a range is
 *       allowed);</li>
 *   <li>a fuzzy search needs given + family + birthdate, or family + birthdate + gender +
 *       postcode, or given + birthdate + gender + postcode, and allows no wildcards;</li>
 *   <li>a wildcard {@code *} (family, given, postcode) is never in the first two characters;
 *       email, phone and GP practice match exactly and take no wildcard;</li>
 *   <li>{@code family} and each {@code given} are at most 35 characters;</li>
 *   <li>{@code _max-results} is 1 to 50;</li>
 *   <li>{@code address-postalcode} and the deprecated {@code address-postcode} are not both
 *       sent;</li>
 *   <li>a date range is one {@code ge} and one {@code le}, in order.</li>
 * </ul>
 * Note that when postcode or GP practice are searched, PDS never returns restricted patients.
 *
 * <p>Immutable; its {@code toString()} prints only the parameter names.
 */
public final class PatientSearch {
    private final SearchCriteria criteria;
    private final List<Map.Entry<String, String>> query;

    private PatientSearch(SearchCriteria criteria) {
        this.criteria = criteria;
        this.query = List.copyOf(SearchQuery.of(criteria));
    }

    /**
     * Starts a search.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The query parameters as PDS receives them, in order, repeatable ones repeated. They are
     * patient data: never log the values.
     *
     * @return an unmodifiable list of name/value pairs
     */
    public List<Map.Entry<String, String>> queryParameters() {
        return query;
    }

    /**
     * Whether this is a fuzzy search ({@code _fuzzy-match=true}).
     *
     * @return {@code true} for a fuzzy search
     */
    public boolean isFuzzy() {
        return criteria.fuzzy();
    }

    /**
     * Only the parameter names.
     *
     * @return for example {@code PatientSearch[family, given, birthdate]}
     */
    @Override
    public String toString() {
        return "PatientSearch" + SearchQuery.names(criteria);
    }

    /**
     * Builds a {@link PatientSearch}. Every setter takes the value as PDS matches it; nothing is
     * sent until the search is passed to {@link PdsClient#search}.
     */
    public static final class Builder {
        private String family;
        private final List<String> given = new ArrayList<>();
        private Gender gender;
        private final List<DateCriterion> birthDates = new ArrayList<>();
        private final List<DateCriterion> deathDates = new ArrayList<>();
        private String postalCode;
        private String legacyPostcode;
        private String generalPractitioner;
        private String email;
        private String phone;
        private boolean fuzzy;
        private boolean exact;
        private boolean history;
        private Integer maxResults;

        private Builder() {}

        /**
         * Sets the family name ({@code family}): case-insensitive, at most 35 characters, a
         * wildcard {@code *} allowed after the first two characters in a non-fuzzy search.
         *
         * @param value the family name
         * @return this builder
         */
        public Builder family(String value) {
            this.family = Objects.requireNonNull(value, "family");
            return this;
        }

        /**
         * Adds given names ({@code given}, repeated): first name then middle names; a compound
         * first name (such as {@code John Paul}) is one value. A wildcard matches the start of the
         * first given name only.
         *
         * @param values the given names, in order
         * @return this builder
         */
        public Builder given(String... values) {
            for (String v : values) {
                given.add(Objects.requireNonNull(v, "given"));
            }
            return this;
        }

        /**
         * Sets the gender ({@code gender}). PDS recommends not searching by gender.
         *
         * @param value the gender
         * @return this builder
         */
        public Builder gender(Gender value) {
            this.gender = Objects.requireNonNull(value, "gender");
            return this;
        }

        /**
         * Matches an exact date of birth ({@code birthdate=eq...}).
         *
         * @param value the date
         * @return this builder
         */
        public Builder birthDate(LocalDate value) {
            birthDates.add(new DateCriterion("eq", Objects.requireNonNull(value, "birthDate")));
            return this;
        }

        /**
         * Matches births on or after a date ({@code birthdate=ge...}).
         *
         * @param value the earliest date
         * @return this builder
         */
        public Builder birthDateFrom(LocalDate value) {
            birthDates.add(new DateCriterion("ge", Objects.requireNonNull(value, "birthDateFrom")));
            return this;
        }

        /**
         * Matches births on or before a date ({@code birthdate=le...}).
         *
         * @param value the latest date
         * @return this builder
         */
        public Builder birthDateTo(LocalDate value) {
            birthDates.add(new DateCriterion("le", Objects.requireNonNull(value, "birthDateTo")));
            return this;
        }

        /**
         * Matches births in a range ({@code birthdate=ge...&birthdate=le...}).
         *
         * @param from the earliest date
         * @param to the latest date
         * @return this builder
         */
        public Builder birthDateBetween(LocalDate from, LocalDate to) {
            return birthDateFrom(from).birthDateTo(to);
        }

        /**
         * Adds a {@code birthdate} value in PDS's own form.
         *
         * @param expression {@code eqyyyy-mm-dd}, {@code geyyyy-mm-dd}, {@code leyyyy-mm-dd}, or a
         *     bare {@code yyyy-mm-dd} meaning {@code eq}
         * @return this builder
         * @throws NhsValidationException when the expression is not of that form
         */
        public Builder birthDate(String expression) {
            birthDates.add(DateCriterion.parse("birthdate", expression));
            return this;
        }

        /**
         * Matches an exact date of death ({@code death-date=eq...}).
         *
         * @param value the date
         * @return this builder
         */
        public Builder deathDate(LocalDate value) {
            deathDates.add(new DateCriterion("eq", Objects.requireNonNull(value, "deathDate")));
            return this;
        }

        /**
         * Matches deaths on or after a date ({@code death-date=ge...}).
         *
         * @param value the earliest date
         * @return this builder
         */
        public Builder deathDateFrom(LocalDate value) {
            deathDates.add(new DateCriterion("ge", Objects.requireNonNull(value, "deathDateFrom")));
            return this;
        }

        /**
         * Matches deaths on or before a date ({@code death-date=le...}).
         *
         * @param value the latest date
         * @return this builder
         */
        public Builder deathDateTo(LocalDate value) {
            deathDates.add(new DateCriterion("le", Objects.requireNonNull(value, "deathDateTo")));
            return this;
        }

        /**
         * Matches deaths in a range.
         *
         * @param from the earliest date
         * @param to the latest date
         * @return this builder
         */
        public Builder deathDateBetween(LocalDate from, LocalDate to) {
            return deathDateFrom(from).deathDateTo(to);
        }

        /**
         * Adds a {@code death-date} value in PDS's own form.
         *
         * @param expression {@code eqyyyy-mm-dd}, {@code geyyyy-mm-dd}, {@code leyyyy-mm-dd}, or a
         *     bare date meaning {@code eq}
         * @return this builder
         * @throws NhsValidationException when the expression is not of that form
         */
        public Builder deathDate(String expression) {
            deathDates.add(DateCriterion.parse("death-date", expression));
            return this;
        }

        /**
         * Sets the postcode of any known address ({@code address-postalcode}): case-insensitive,
         * spaces ignored, a wildcard allowed after the first two characters (for example
         * {@code LS*}).
         *
         * @param value the postcode
         * @return this builder
         */
        public Builder postcode(String value) {
            this.postalCode = Objects.requireNonNull(value, "postcode");
            return this;
        }

        /**
         * Sets the deprecated {@code address-postcode} parameter instead of
         * {@link #postcode(String)}; PDS refuses a search with both.
         *
         * @param value the postcode
         * @return this builder
         */
        public Builder legacyPostcode(String value) {
            this.legacyPostcode = Objects.requireNonNull(value, "legacyPostcode");
            return this;
        }

        /**
         * Sets the registered GP practice ({@code general-practitioner}), matched exactly.
         *
         * @param value the practice's ODS code
         * @return this builder
         */
        public Builder generalPractitioner(OdsCode value) {
            this.generalPractitioner =
                    Objects.requireNonNull(value, "generalPractitioner").value();
            return this;
        }

        /**
         * Sets the email address ({@code email}), matched exactly and case-insensitively.
         *
         * @param value the address
         * @return this builder
         */
        public Builder email(String value) {
            this.email = Objects.requireNonNull(value, "email");
            return this;
        }

        /**
         * Sets the phone number ({@code phone}), matched exactly.
         *
         * @param value the number
         * @return this builder
         */
        public Builder phone(String value) {
            this.phone = Objects.requireNonNull(value, "phone");
            return this;
        }

        /**
         * Asks for a fuzzy search ({@code _fuzzy-match}): homophones (Soundex), transposed names
         * and history, no wildcards. PDS advises trying a non-fuzzy search first.
         *
         * @param value whether to search fuzzily
         * @return this builder
         */
        public Builder fuzzyMatch(boolean value) {
            this.fuzzy = value;
            return this;
        }

        /**
         * Asks for exact matches only ({@code _exact-match}, score 1.0).
         *
         * @param value whether to return exact matches only
         * @return this builder
         */
        public Builder exactMatch(boolean value) {
            this.exact = value;
            return this;
        }

        /**
         * Also searches previous names and addresses ({@code _history}; a fuzzy search always does).
         *
         * @param value whether to search history
         * @return this builder
         */
        public Builder history(boolean value) {
            this.history = value;
            return this;
        }

        /**
         * Limits the number of matches ({@code _max-results}, 1 to 50; PDS's default is 50 for a
         * healthcare worker and 1, the only value allowed, for application-restricted access).
         * When more patients match, the result is {@link SearchResult.TooManyMatches}.
         *
         * @param value the limit
         * @return this builder
         */
        public Builder maxResults(int value) {
            this.maxResults = value;
            return this;
        }

        /**
         * Checks the rules and builds the search.
         *
         * @return the search
         * @throws NhsValidationException naming the first rule broken (never a value)
         */
        public PatientSearch build() {
            SearchCriteria c = new SearchCriteria(
                    family,
                    given,
                    gender == null ? null : gender.code(),
                    birthDates,
                    deathDates,
                    postalCode,
                    legacyPostcode,
                    generalPractitioner,
                    email,
                    phone,
                    fuzzy,
                    exact,
                    history,
                    maxResults);
            SearchRules.check(c);
            return new PatientSearch(c);
        }
    }
}

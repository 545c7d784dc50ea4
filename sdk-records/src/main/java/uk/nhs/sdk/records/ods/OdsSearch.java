package uk.nhs.sdk.records.ods;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import uk.nhs.sdk.core.error.NhsValidationException;

/**
 * A search for organisations ({@code GET /Organization}), checked against the API's rules when
 * built, so a search the API would refuse fails before any call.
 *
 * <pre>{@code
 * OdsSearch s = OdsSearch.builder()
 *     .nameContains("Leeds")
 *     .anyRole(OdsRole.NHS_TRUST, OdsRole.NHS_TRUST_SITE)   // roleCode=RO197,RO198 (OR)
 *     .active(true)
 *     .lastChangedAfter(LocalDate.of(2024, 1, 1))
 *     .pageSize(100)
 *     .build();
 * }</pre>
 *
 * <p>Rules: a name (prefix, contains or exact) is 3 to 100 of {@code A-Z a-z 0-9 & ( ) ’ + - _ . / : @}
 * and space; a postcode or city (prefix, contains or exact) is at least 2 letters, digits and
 * spaces; role codes are {@code RO} and digits; the page size is 1 to 1,000.
 */
public final class OdsSearch {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9&()\u2019+\\-_./:@ ]{3,100}");
    private static final Pattern PLACE = Pattern.compile("[A-Za-z0-9 ]{2,100}");
    private static final Pattern DATE_EXPRESSION = Pattern.compile("(gt|lt|eq)?([0-9]{4}-[0-9]{2}-[0-9]{2})");
    /** The largest page size the builder allows. */
    public static final int MAX_PAGE_SIZE = 1000;

    private final List<Map.Entry<String, String>> parameters;
    private final int pageSize;

    private OdsSearch(Builder b) {
        this.parameters = List.copyOf(b.parameters);
        this.pageSize = b.pageSize;
    }

    /**
     * Starts a builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The query parameters, in order, without paging ({@code _count}).
     *
     * @return an unmodifiable list of name and value
     */
    public List<Map.Entry<String, String>> parameters() {
        return parameters;
    }

    /**
     * The page size sent as {@code _count}, 0 for the API's default (20).
     *
     * @return the page size
     */
    public int pageSize() {
        return pageSize;
    }

    @Override
    public String toString() {
        return "OdsSearch" + parameters.stream().map(Map.Entry::getKey).collect(Collectors.toList());
    }

    /**
     * Builds an {@link OdsSearch}.
     */
    public static final class Builder {
        private final List<Map.Entry<String, String>> parameters = new ArrayList<>();
        private int pageSize;

        private Builder() {}

        private Builder add(String name, String value) {
            parameters.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
            return this;
        }

        private static String name(String field, String value) {
            Objects.requireNonNull(value, field);
            if (!NAME.matcher(value).matches()) {
                throw new NhsValidationException(
                        field, "must be 3 to 100 characters of A-Z a-z 0-9 & ( ) \u2019 + - _ . / : @" + " and space");
            }
            return value;
        }

        private static String place(String field, String value) {
            Objects.requireNonNull(value, field);
            if (!PLACE.matcher(value).matches()) {
                throw new NhsValidationException(field, "must be at least 2 (at most 100) letters, digits and spaces");
            }
            return value;
        }

        /**
         * Names starting with a text ({@code name}), not case sensitive.
         *
         * @param value 3 to 100 allowed characters
         * @return this builder
         * @throws NhsValidationException when the text breaks the name rule
         */
        public Builder name(String value) {
            return add("name", name("name", value));
        }

        /**
         * Names containing a text ({@code name:contains}), not case sensitive.
         *
         * @param value 3 to 100 allowed characters
         * @return this builder
         * @throws NhsValidationException when the text breaks the name rule
         */
        public Builder nameContains(String value) {
            return add("name:contains", name("name:contains", value));
        }

        /**
         * The exact name ({@code name:exact}), case sensitive.
         *
         * @param value 3 to 100 allowed characters
         * @return this builder
         * @throws NhsValidationException when the text breaks the name rule
         */
        public Builder nameExact(String value) {
            return add("name:exact", name("name:exact", value));
        }

        /**
         * Postcodes starting with a text ({@code address-postalcode}).
         *
         * @param value at least 2 letters, digits and spaces
         * @return this builder
         * @throws NhsValidationException when the text breaks the rule
         */
        public Builder postcode(String value) {
            return add("address-postalcode", place("address-postalcode", value));
        }

        /**
         * Postcodes containing a text ({@code address-postalcode:contains}).
         *
         * @param value at least 2 letters, digits and spaces
         * @return this builder
         * @throws NhsValidationException when the text breaks the rule
         */
        public Builder postcodeContains(String value) {
            return add("address-postalcode:contains", place("address-postalcode:contains", value));
        }

        /**
         * The exact postcode ({@code address-postalcode:exact}), case sensitive.
         *
         * @param value at least 2 letters, digits and spaces
         * @return this builder
         * @throws NhsValidationException when the text breaks the rule
         */
        public Builder postcodeExact(String value) {
            return add("address-postalcode:exact", place("address-postalcode:exact", value));
        }

        /**
         * Cities starting with a text ({@code address-city}).
         *
         * @param value at least 2 letters, digits and spaces
         * @return this builder
         * @throws NhsValidationException when the text breaks the rule
         */
        public Builder city(String value) {
            return add("address-city", place("address-city", value));
        }

        /**
         * Cities containing a text ({@code address-city:contains}).
         *
         * @param value at least 2 letters, digits and spaces
         * @return this builder
         * @throws NhsValidationException when the text breaks the rule
         */
        public Builder cityContains(String value) {
            return add("address-city:contains", place("address-city:contains", value));
        }

        /**
         * The exact city ({@code address-city:exact}), case sensitive.
         *
         * @param value at least 2 letters, digits and spaces
         * @return this builder
         * @throws NhsValidationException when the text breaks the rule
         */
        public Builder cityExact(String value) {
            return add("address-city:exact", place("address-city:exact", value));
        }

        /**
         * Organisations holding any of these roles, active or not: one {@code roleCode} with the
         * codes comma-separated (OR). Call again to require another role as well (AND).
         *
         * @param roles one or more roles
         * @return this builder
         * @throws NhsValidationException when no role is given
         */
        public Builder anyRole(OdsRole... roles) {
            return add("roleCode", codes("roleCode", roles));
        }

        /**
         * Organisations holding any of these roles as an active role ({@code activeRoleCode}, OR);
         * call again for AND.
         *
         * @param roles one or more roles
         * @return this builder
         * @throws NhsValidationException when no role is given
         */
        public Builder anyActiveRole(OdsRole... roles) {
            return add("activeRoleCode", codes("activeRoleCode", roles));
        }

        /**
         * Organisations without a role ({@code roleCode:not}).
         *
         * @param role the role to exclude
         * @return this builder
         */
        public Builder withoutRole(OdsRole role) {
            return add("roleCode:not", Objects.requireNonNull(role, "role").code());
        }

        private static String codes(String field, OdsRole... roles) {
            if (roles == null || roles.length == 0) {
                throw new NhsValidationException(field, "needs at least one role");
            }
            return Arrays.stream(roles)
                    .map(r -> Objects.requireNonNull(r, "role").code())
                    .collect(Collectors.joining(","));
        }

        /**
         * Only active (or only inactive) organisations ({@code active}).
         *
         * @param value the status wanted
         * @return this builder
         */
        public Builder active(boolean value) {
            return add("active", Boolean.toString(value));
        }

        /**
         * Records changed after a day ({@code lastChangeDate=gt...}); combine with
         * {@link #lastChangedBefore(LocalDate)} for a range.
         *
         * @param day the day
         * @return this builder
         */
        public Builder lastChangedAfter(LocalDate day) {
            return add("lastChangeDate", "gt" + Objects.requireNonNull(day, "day"));
        }

        /**
         * Records changed before a day ({@code lastChangeDate=lt...}).
         *
         * @param day the day
         * @return this builder
         */
        public Builder lastChangedBefore(LocalDate day) {
            return add("lastChangeDate", "lt" + Objects.requireNonNull(day, "day"));
        }

        /**
         * Records changed on a day ({@code lastChangeDate=yyyy-mm-dd}).
         *
         * @param day the day
         * @return this builder
         */
        public Builder lastChangedOn(LocalDate day) {
            return add("lastChangeDate", Objects.requireNonNull(day, "day").toString());
        }

        /**
         * A last-change-date expression as the API takes it: {@code gt}, {@code lt} or {@code eq}
         * (or nothing) then a date, such as {@code gt2024-01-31}.
         *
         * @param expression the expression
         * @return this builder
         * @throws NhsValidationException when it is not that form or not a real date
         */
        public Builder lastChangeDate(String expression) {
            Objects.requireNonNull(expression, "expression");
            Matcher m = DATE_EXPRESSION.matcher(expression);
            if (!m.matches()) {
                throw new NhsValidationException("lastChangeDate", "must be gt, lt or eq then a date yyyy-mm-dd");
            }
            try {
                LocalDate day = LocalDate.parse(m.group(2));
                String prefix = m.group(1) == null || "eq".equals(m.group(1)) ? "" : m.group(1);
                return add("lastChangeDate", prefix + day);
            } catch (DateTimeParseException e) {
                throw new NhsValidationException("lastChangeDate", "must be a real date yyyy-mm-dd");
            }
        }

        /**
         * The number of organisations per page ({@code _count}); the API's default is 20. Large
         * pages can exceed the API's response size limit (422).
         *
         * @param value 1 to {@value OdsSearch#MAX_PAGE_SIZE}
         * @return this builder
         * @throws NhsValidationException when out of range
         */
        public Builder pageSize(int value) {
            if (value < 1 || value > MAX_PAGE_SIZE) {
                throw new NhsValidationException("pageSize", "must be 1 to " + MAX_PAGE_SIZE);
            }
            this.pageSize = value;
            return this;
        }

        /**
         * Builds the search.
         *
         * @return the search
         */
        public OdsSearch build() {
            return new OdsSearch(this);
        }
    }
}

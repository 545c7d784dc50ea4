package uk.nhs.sdk.records.ods;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.error.NhsValidationException;

/**
 * A search for relationships ({@code GET /OrganizationAffiliation}) by their primary ("source")
 * or participating ("target") organisation.
 *
 * <pre>{@code
 * AffiliationSearch.builder().primaryOrganization(OdsCode.of("G81086")).active(true).build();
 * }</pre>
 */
public final class AffiliationSearch {
    private final List<Map.Entry<String, String>> parameters;
    private final int pageSize;

    private AffiliationSearch(Builder b) {
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
     * The query parameters, without paging.
     *
     * @return an unmodifiable list of name and value
     */
    public List<Map.Entry<String, String>> parameters() {
        return parameters;
    }

    /**
     * The page size sent as {@code _count}, 0 for the API's default.
     *
     * @return the page size
     */
    public int pageSize() {
        return pageSize;
    }

    @Override
    public String toString() {
        return "AffiliationSearch" + parameters.stream().map(Map.Entry::getKey).collect(Collectors.toList());
    }

    /**
     * Builds an {@link AffiliationSearch}.
     */
    public static final class Builder {
        private final List<Map.Entry<String, String>> parameters = new ArrayList<>();
        private int pageSize;

        private Builder() {}

        private Builder add(String name, String value) {
            parameters.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
            return this;
        }

        /**
         * Relationships whose source is this organisation ({@code primary-organization}).
         *
         * @param code the ODS code
         * @return this builder
         */
        public Builder primaryOrganization(OdsCode code) {
            return add(
                    "primary-organization", Objects.requireNonNull(code, "code").value());
        }

        /**
         * Relationships whose target is this organisation ({@code participating-organization}).
         *
         * @param code the ODS code
         * @return this builder
         */
        public Builder participatingOrganization(OdsCode code) {
            return add(
                    "participating-organization",
                    Objects.requireNonNull(code, "code").value());
        }

        /**
         * Only active (or inactive) relationships.
         *
         * @param value the status wanted
         * @return this builder
         */
        public Builder active(boolean value) {
            return add("active", Boolean.toString(value));
        }

        /**
         * Relationships per page ({@code _count}).
         *
         * @param value 1 to 1,000
         * @return this builder
         * @throws NhsValidationException when out of range
         */
        public Builder pageSize(int value) {
            if (value < 1 || value > OdsSearch.MAX_PAGE_SIZE) {
                throw new NhsValidationException("pageSize", "must be 1 to " + OdsSearch.MAX_PAGE_SIZE);
            }
            this.pageSize = value;
            return this;
        }

        /**
         * Builds the search.
         *
         * @return the search
         * @throws NhsValidationException when neither organisation is given
         */
        public AffiliationSearch build() {
            if (parameters.stream().noneMatch(p -> p.getKey().endsWith("-organization"))) {
                throw new NhsValidationException(
                        "affiliationSearch", "needs a primary or a participating organisation");
            }
            return new AffiliationSearch(this);
        }
    }
}

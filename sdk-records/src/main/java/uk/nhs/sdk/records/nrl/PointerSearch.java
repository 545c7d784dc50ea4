package uk.nhs.sdk.records.nrl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.fhir.Identifier;

/**
 * A search for a patient's pointers: by NHS number, optionally filtered by types, categories (each
 * matching any of those given) and, for consumers, custodian. Sent by default as
 * {@code POST /DocumentReference/_search}, which keeps the NHS number out of URLs and logs; the
 * {@code GET} form can be chosen. Immutable; {@link #toString()} never shows the NHS number.
 *
 * <pre>{@code
 * PointerSearch search = PointerSearch.forPatient(NhsNumber.parse("9000000017"))
 *     .type(PointerType.MENTAL_HEALTH_CRISIS_PLAN)
 *     .category(PointerCategory.CARE_PLAN)
 *     .build();
 * }</pre>
 */
public final class PointerSearch {
    private final NhsNumber nhsNumber;
    private final List<PointerType> types;
    private final List<PointerCategory> categories;
    private final OdsCode custodian;
    private final boolean get;

    private PointerSearch(Builder b) {
        this.nhsNumber = b.nhsNumber;
        this.types = List.copyOf(b.types);
        this.categories = List.copyOf(b.categories);
        this.custodian = b.custodian;
        this.get = b.get;
    }

    /**
     * Starts a search for a patient's pointers.
     *
     * @param nhsNumber the patient's NHS number
     * @return the builder
     */
    public static Builder forPatient(NhsNumber nhsNumber) {
        return new Builder(Objects.requireNonNull(nhsNumber, "nhsNumber"));
    }

    /**
     * The patient.
     *
     * @return the NHS number
     */
    public NhsNumber nhsNumber() {
        return nhsNumber;
    }

    /**
     * The types to match (any of them), empty for all the caller may see.
     *
     * @return an unmodifiable list
     */
    public List<PointerType> types() {
        return types;
    }

    /**
     * The categories to match (any of them), empty for all.
     *
     * @return an unmodifiable list
     */
    public List<PointerCategory> categories() {
        return categories;
    }

    /**
     * The custodian to match (consumers only).
     *
     * @return the ODS code, when set
     */
    public Optional<OdsCode> custodian() {
        return Optional.ofNullable(custodian);
    }

    /**
     * Whether the search is sent as {@code GET /DocumentReference?...} rather than the default
     * {@code POST /DocumentReference/_search}.
     *
     * @return {@code true} for the GET form
     */
    public boolean usesGet() {
        return get;
    }

    /** The parameters NRL takes, in order, with {@code _summary=count} when asked. */
    Map<String, String> parameters(boolean count) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("subject:identifier", Identifier.NHS_NUMBER_SYSTEM + "|" + nhsNumber.value());
        if (custodian != null) {
            p.put("custodian:identifier", Identifier.ODS_CODE_SYSTEM + "|" + custodian.value());
        }
        if (!types.isEmpty()) {
            p.put("type", types.stream().map(PointerType::token).collect(Collectors.joining(",")));
        }
        if (!categories.isEmpty()) {
            p.put("category", categories.stream().map(PointerCategory::token).collect(Collectors.joining(",")));
        }
        if (count) {
            p.put("_summary", "count");
        }
        return p;
    }

    /**
     * The filters, without the NHS number.
     *
     * @return for example {@code PointerSearch[POST, types=[736253002], categories=[], custodian=none]}
     */
    @Override
    public String toString() {
        return "PointerSearch[" + (get ? "GET" : "POST") + ", types="
                + types.stream().map(PointerType::code).collect(Collectors.toList()) + ", categories="
                + categories.stream().map(PointerCategory::code).collect(Collectors.toList()) + ", custodian="
                + (custodian == null ? "none" : custodian.value()) + "]";
    }

    /**
     * Builds a {@link PointerSearch}.
     */
    public static final class Builder {
        private final NhsNumber nhsNumber;
        private final List<PointerType> types = new ArrayList<>();
        private final List<PointerCategory> categories = new ArrayList<>();
        private OdsCode custodian;
        private boolean get;

        private Builder(NhsNumber nhsNumber) {
            this.nhsNumber = nhsNumber;
        }

        /**
         * Adds a type to match (a pointer matches when its type is any of those added).
         *
         * @param value the type
         * @return this builder
         * @throws NhsValidationException when the type is not a SNOMED CT concept id
         */
        public Builder type(PointerType value) {
            Objects.requireNonNull(value, "type");
            types.add(checkToken("type", value.system(), value.code(), value));
            return this;
        }

        /**
         * Adds a category to match (a pointer matches when it has any of those added).
         *
         * @param value the category
         * @return this builder
         * @throws NhsValidationException when the category is not a SNOMED CT concept id
         */
        public Builder category(PointerCategory value) {
            Objects.requireNonNull(value, "category");
            categories.add(checkToken("category", value.system(), value.code(), value));
            return this;
        }

        /**
         * Refuses a code that is not a SNOMED CT concept id: one kept as a response sent it could
         * hold a {@code ,} or {@code |}, which would change the filter NRL reads.
         */
        private static <T> T checkToken(String field, String system, String code, T value) {
            if (!PointerType.SYSTEM.equals(system) || !code.matches("[1-9][0-9]{5,17}")) {
                throw new NhsValidationException(
                        field,
                        "a search filter must be a SNOMED CT concept id (6 to 18 " + "digits) from "
                                + PointerType.SYSTEM);
            }
            return value;
        }

        /**
         * Matches only pointers held by one organisation (consumer searches only).
         *
         * @param value the custodian's ODS code
         * @return this builder
         */
        public Builder custodian(OdsCode value) {
            this.custodian = Objects.requireNonNull(value, "custodian");
            return this;
        }

        /**
         * Sends the search as {@code GET /DocumentReference?...}: the NHS number then travels in the
         * URL, which proxies and servers may log. The default {@code POST} form does not.
         *
         * @return this builder
         */
        public Builder usingGet() {
            this.get = true;
            return this;
        }

        /**
         * Builds the search.
         *
         * @return the search
         */
        public PointerSearch build() {
            return new PointerSearch(this);
        }
    }
}

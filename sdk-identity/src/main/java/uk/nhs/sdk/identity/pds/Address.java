package uk.nhs.sdk.identity.pds;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import uk.nhs.sdk.core.error.NhsValidationException;

/**
 * An address as PDS holds it: id, use, period, descriptor text, up to five unstructured lines,
 * postcode and address keys (PAF, UPRN). Build one to add an address
 * ({@link PatientPatch.Builder#addAddress(Address)}).
 *
 * <p>Its {@code toString()} prints only the use.
 */
public final class Address {
    /** The descriptors PDS accepts in {@code text} for a {@code temp} address. */
    public static final Set<String> TEMPORARY_ADDRESS_DESCRIPTORS = Set.of(
            "Second Home",
            "Student Accommodation",
            "Respite Care Address",
            "Temporary Residence Address",
            "Convalescence Home",
            "Mobile Home",
            "Holiday Home");

    private final String id;
    private final AddressUse use;
    private final Period period;
    private final String text;
    private final List<String> lines;
    private final String postalCode;
    private final String pafKey;
    private final String uprn;

    Address(
            String id,
            AddressUse use,
            Period period,
            String text,
            List<String> lines,
            String postalCode,
            String pafKey,
            String uprn) {
        this.id = id;
        this.use = use;
        this.period = period;
        this.text = text;
        this.lines = List.copyOf(lines);
        this.postalCode = postalCode;
        this.pafKey = pafKey;
        this.uprn = uprn;
    }

    /**
     * Starts an address.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The object id PDS gave this address; a replace or remove must carry it.
     *
     * @return the id, absent on a new address
     */
    public Optional<String> id() {
        return Optional.ofNullable(id);
    }

    /**
     * The use.
     *
     * @return the use, if sent
     */
    public Optional<AddressUse> use() {
        return Optional.ofNullable(use);
    }

    /**
     * When the address applied.
     *
     * @return the period, if sent
     */
    public Optional<Period> period() {
        return Optional.ofNullable(period);
    }

    /**
     * The descriptor of a temporary address, such as {@code Student Accommodation}.
     *
     * @return the text, if sent
     */
    public Optional<String> text() {
        return Optional.ofNullable(text);
    }

    /**
     * The address lines in order (PDS: premises, thoroughfare, locality, post town, county; empty
     * lines removed).
     *
     * @return an unmodifiable list, possibly empty
     */
    public List<String> lines() {
        return lines;
    }

    /**
     * The postcode.
     *
     * @return the postcode, if sent
     */
    public Optional<String> postalCode() {
        return Optional.ofNullable(postalCode);
    }

    /**
     * The Postcode Address File key, from the {@code Extension-UKCore-AddressKey} of type PAF.
     *
     * @return the PAF key, if present
     */
    public Optional<String> pafKey() {
        return Optional.ofNullable(pafKey);
    }

    /**
     * The Unique Property Reference Number, from the {@code Extension-UKCore-AddressKey} of type
     * UPRN.
     *
     * @return the UPRN, if present
     */
    public Optional<String> uprn() {
        return Optional.ofNullable(uprn);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Address)) {
            return false;
        }
        Address a = (Address) o;
        return Objects.equals(id, a.id)
                && use == a.use
                && Objects.equals(period, a.period)
                && Objects.equals(text, a.text)
                && lines.equals(a.lines)
                && Objects.equals(postalCode, a.postalCode)
                && Objects.equals(pafKey, a.pafKey)
                && Objects.equals(uprn, a.uprn);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, use, period, text, lines, postalCode, pafKey, uprn);
    }

    /**
     * Only the use: addresses are patient data.
     *
     * @return for example {@code Address[use=HOME]}
     */
    @Override
    public String toString() {
        return "Address[use=" + use + "]";
    }

    /**
     * Builds an {@link Address}, applying PDS's address rules before any call: at most five
     * non-blank lines, a postcode or a line, a {@code temp} or {@code billing} address has a
     * period with a start and an end, a {@code temp} address has one of
     * {@link #TEMPORARY_ADDRESS_DESCRIPTORS} as its text, and a use of {@code home}, {@code temp}
     * or {@code billing} ({@code work} is a legacy use PDS returns but does not accept, {@code old}
     * is not in PDS's code set).
     */
    public static final class Builder {
        private String id;
        private AddressUse use;
        private Period period;
        private String text;
        private final List<String> lines = new ArrayList<>();
        private String postalCode;
        private String pafKey;
        private String uprn;

        private Builder() {}

        /**
         * Sets the object id (only for replacing an existing address).
         *
         * @param value the id from the retrieved address
         * @return this builder
         */
        public Builder id(String value) {
            this.id = Objects.requireNonNull(value, "id");
            return this;
        }

        /**
         * Sets the use.
         *
         * @param value the use
         * @return this builder
         */
        public Builder use(AddressUse value) {
            this.use = Objects.requireNonNull(value, "use");
            return this;
        }

        /**
         * Sets the period.
         *
         * @param value the period
         * @return this builder
         */
        public Builder period(Period value) {
            this.period = Objects.requireNonNull(value, "period");
            return this;
        }

        /**
         * Sets the descriptor text (required for {@code temp}).
         *
         * @param value the text
         * @return this builder
         */
        public Builder text(String value) {
            this.text = Objects.requireNonNull(value, "text");
            return this;
        }

        /**
         * Adds lines, in order.
         *
         * @param values the lines
         * @return this builder
         */
        public Builder line(String... values) {
            lines.addAll(Arrays.asList(values));
            return this;
        }

        /**
         * Sets the postcode.
         *
         * @param value the postcode
         * @return this builder
         */
        public Builder postalCode(String value) {
            this.postalCode = Objects.requireNonNull(value, "postalCode");
            return this;
        }

        /**
         * Sets the PAF key.
         *
         * @param value the key
         * @return this builder
         */
        public Builder pafKey(String value) {
            this.pafKey = Objects.requireNonNull(value, "pafKey");
            return this;
        }

        /**
         * Sets the UPRN.
         *
         * @param value the UPRN
         * @return this builder
         */
        public Builder uprn(String value) {
            this.uprn = Objects.requireNonNull(value, "uprn");
            return this;
        }

        /**
         * Builds the address.
         *
         * @return the address
         * @throws NhsValidationException when a rule above is broken (the message never holds the address)
         */
        public Address build() {
            if (lines.size() > 5) {
                throw new NhsValidationException("address.line", "at most 5 lines");
            }
            for (String l : lines) {
                if (Objects.requireNonNull(l, "line").isBlank()) {
                    throw new NhsValidationException("address.line", "must not be blank (leave empty lines out)");
                }
            }
            if (lines.isEmpty() && postalCode == null) {
                throw new NhsValidationException("address", "needs at least a line or a postcode");
            }
            if (postalCode != null && postalCode.isBlank()) {
                throw new NhsValidationException("address.postalCode", "must not be blank");
            }
            if (use == AddressUse.WORK) {
                throw new NhsValidationException("address.use", "work is a legacy use that PDS does not accept");
            }
            if (use == AddressUse.OLD) {
                throw new NhsValidationException("address.use", "PDS holds only home, temp and billing addresses");
            }
            if ((use == AddressUse.TEMP || use == AddressUse.BILLING)
                    && (period == null
                            || period.start().isEmpty()
                            || period.end().isEmpty())) {
                throw new NhsValidationException(
                        "address.period", "a temp or billing address needs a start and an end");
            }
            if (use == AddressUse.TEMP && (text == null || !TEMPORARY_ADDRESS_DESCRIPTORS.contains(text))) {
                throw new NhsValidationException(
                        "address.text", "a temp address needs one of the documented descriptors");
            }
            return new Address(id, use, period, text, lines, postalCode, pafKey, uprn);
        }
    }
}

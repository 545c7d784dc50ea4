package uk.nhs.sdk.identity.pds;

import java.util.Objects;
import java.util.Optional;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.fhir.Coding;

/**
 * A telecom entry: phone, email, fax or other (textphone), with use and period. Build one to add
 * a telecom ({@link PatientPatch.Builder#addTelecom(ContactPoint)}).
 *
 * <p>Its {@code toString()} prints only the system and use.
 */
public final class ContactPoint {
    private final String id;
    private final ContactSystem system;
    private final String value;
    private final ContactUse use;
    private final Period period;
    private final Coding otherSystem;

    ContactPoint(String id, ContactSystem system, String value, ContactUse use, Period period, Coding otherSystem) {
        this.id = id;
        this.system = system;
        this.value = value;
        this.use = use;
        this.period = period;
        this.otherSystem = otherSystem;
    }

    /**
     * Starts a contact point.
     *
     * @param system the system
     * @param value the number or address
     * @return the builder
     */
    public static Builder builder(ContactSystem system, String value) {
        return new Builder(system, value);
    }

    /**
     * The object id PDS gave this entry; a replace or remove must carry it.
     *
     * @return the id, absent on a new entry
     */
    public Optional<String> id() {
        return Optional.ofNullable(id);
    }

    /**
     * The system.
     *
     * @return the system, if sent
     */
    public Optional<ContactSystem> system() {
        return Optional.ofNullable(system);
    }

    /**
     * The number or address.
     *
     * @return the value, if sent
     */
    public Optional<String> value() {
        return Optional.ofNullable(value);
    }

    /**
     * The use.
     *
     * @return the use, if sent
     */
    public Optional<ContactUse> use() {
        return Optional.ofNullable(use);
    }

    /**
     * When the entry applied.
     *
     * @return the period, if sent
     */
    public Optional<Period> period() {
        return Optional.ofNullable(period);
    }

    /**
     * For system {@code other}, what it is (PDS: {@code textphone}, "Minicom (Textphone)"), from
     * {@code Extension-UKCore-OtherContactSystem}.
     *
     * @return the coding, if present
     */
    public Optional<Coding> otherSystem() {
        return Optional.ofNullable(otherSystem);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ContactPoint)) {
            return false;
        }
        ContactPoint c = (ContactPoint) o;
        return Objects.equals(id, c.id)
                && system == c.system
                && Objects.equals(value, c.value)
                && use == c.use
                && Objects.equals(period, c.period)
                && Objects.equals(otherSystem, c.otherSystem);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, system, value, use, period, otherSystem);
    }

    /**
     * Only system and use: numbers and addresses are patient data.
     *
     * @return for example {@code ContactPoint[system=PHONE, use=HOME]}
     */
    @Override
    public String toString() {
        return "ContactPoint[system=" + system + ", use=" + use + "]";
    }

    /**
     * Builds a {@link ContactPoint}, applying PDS's telecom rules before any call: a non-blank
     * value, an email address of 7 to 89 characters with an {@code @}, a system PDS holds
     * ({@code phone}, {@code fax}, {@code email} or {@code other}) and a use PDS holds
     * ({@code home}, {@code work}, {@code temp} or {@code mobile}).
     */
    public static final class Builder {
        private final ContactSystem system;
        private final String value;
        private String id;
        private ContactUse use;
        private Period period;

        private Builder(ContactSystem system, String value) {
            this.system = Objects.requireNonNull(system, "system");
            this.value = Objects.requireNonNull(value, "value");
        }

        /**
         * Sets the object id (only for replacing an existing entry).
         *
         * @param value the id from the retrieved entry
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
        public Builder use(ContactUse value) {
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
         * Builds the entry.
         *
         * @return the entry
         * @throws NhsValidationException when a rule above is broken (the message never holds the value)
         */
        public ContactPoint build() {
            if (value.isBlank()) {
                throw new NhsValidationException("telecom.value", "must not be blank");
            }
            if (system == ContactSystem.PAGER || system == ContactSystem.URL || system == ContactSystem.SMS) {
                throw new NhsValidationException("telecom.system", "PDS holds only phone, fax, email and other");
            }
            if (use == ContactUse.OLD) {
                throw new NhsValidationException("telecom.use", "PDS holds only home, work, temp and mobile");
            }
            if (system == ContactSystem.EMAIL
                    && (value.length() <= 6 || value.length() >= 90 || value.indexOf('@') <= 0)) {
                throw new NhsValidationException(
                        "telecom.value",
                        "an email address must have an @ and be more than 6 and fewer than 90 characters");
            }
            return new ContactPoint(id, system, value, use, period, null);
        }
    }
}

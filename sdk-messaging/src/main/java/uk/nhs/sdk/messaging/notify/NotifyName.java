package uk.nhs.sdk.messaging.notify;

import java.util.Optional;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.messaging.notify.internal.NotifyValidation;

/**
 * A recipient's name that overrides the one in PDS ({@code recipient.contactDetails.name}); the
 * last name is required. Overriding contact details needs NHS Notify's onboarding approval.
 * {@link #toString()} prints no part of the name.
 */
public final class NotifyName {
    private static final int MAX = 200;

    private final String prefix;
    private final String firstName;
    private final String middleNames;
    private final String lastName;
    private final String suffix;

    private NotifyName(Builder b) {
        this.prefix = b.prefix;
        this.firstName = b.firstName;
        this.middleNames = b.middleNames;
        this.lastName = b.lastName;
        this.suffix = b.suffix;
    }

    /**
     * Starts a name with its (required) last name.
     *
     * @param lastName the last name
     * @return the builder
     * @throws NhsValidationException when the last name is blank or longer than 200 characters
     */
    public static Builder builder(String lastName) {
        return new Builder(lastName);
    }

    /**
     * The prefix, such as {@code Dr.}.
     *
     * @return the prefix, if set
     */
    public Optional<String> prefix() {
        return Optional.ofNullable(prefix);
    }

    /**
     * The first name.
     *
     * @return the first name, if set
     */
    public Optional<String> firstName() {
        return Optional.ofNullable(firstName);
    }

    /**
     * The middle names.
     *
     * @return the middle names, if set
     */
    public Optional<String> middleNames() {
        return Optional.ofNullable(middleNames);
    }

    /**
     * The last name.
     *
     * @return the last name
     */
    public String lastName() {
        return lastName;
    }

    /**
     * The suffix, such as {@code Jr.}.
     *
     * @return the suffix, if set
     */
    public Optional<String> suffix() {
        return Optional.ofNullable(suffix);
    }

    /**
     * Says only that this is a name.
     *
     * @return {@code NotifyName[***]}
     */
    @Override
    public String toString() {
        return "NotifyName[***]";
    }

    /**
     * Builds a {@link NotifyName}; each part is 1 to 200 characters on one line.
     */
    public static final class Builder {
        private String prefix;
        private String firstName;
        private String middleNames;
        private final String lastName;
        private String suffix;

        private Builder(String lastName) {
            this.lastName = NotifyValidation.line("contactDetails.name.lastName", lastName, MAX);
        }

        /**
         * Sets the prefix.
         *
         * @param value such as {@code Dr.}
         * @return this builder
         */
        public Builder prefix(String value) {
            this.prefix = NotifyValidation.line("contactDetails.name.prefix", value, MAX);
            return this;
        }

        /**
         * Sets the first name.
         *
         * @param value the first name
         * @return this builder
         */
        public Builder firstName(String value) {
            this.firstName = NotifyValidation.line("contactDetails.name.firstName", value, MAX);
            return this;
        }

        /**
         * Sets the middle names.
         *
         * @param value the middle names, space-separated
         * @return this builder
         */
        public Builder middleNames(String value) {
            this.middleNames = NotifyValidation.line("contactDetails.name.middleNames", value, MAX);
            return this;
        }

        /**
         * Sets the suffix.
         *
         * @param value such as {@code Jr.}
         * @return this builder
         */
        public Builder suffix(String value) {
            this.suffix = NotifyValidation.line("contactDetails.name.suffix", value, MAX);
            return this;
        }

        /**
         * Builds the name.
         *
         * @return the name
         */
        public NotifyName build() {
            return new NotifyName(this);
        }
    }
}

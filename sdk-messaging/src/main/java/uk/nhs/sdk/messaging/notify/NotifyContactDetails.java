package uk.nhs.sdk.messaging.notify;

import java.util.Objects;
import java.util.Optional;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.messaging.notify.internal.NotifyValidation;

/**
 * Contact details that override PDS's for one message ({@code recipient.contactDetails}): an
 * email address, a mobile number, an address and a name, each optional. Overriding needs explicit
 * approval from NHS Notify's onboarding team; without it the API answers 400
 * {@code CM_CANNOT_SET_CONTACT_DETAILS}. {@link #toString()} prints no value.
 */
public final class NotifyContactDetails {
    private final String email;
    private final String sms;
    private final NotifyAddress address;
    private final NotifyName name;

    private NotifyContactDetails(Builder b) {
        this.email = b.email;
        this.sms = b.sms;
        this.address = b.address;
        this.name = b.name;
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
     * The email address.
     *
     * @return the address, if set
     */
    public Optional<String> email() {
        return Optional.ofNullable(email);
    }

    /**
     * The mobile number.
     *
     * @return the number, if set
     */
    public Optional<String> sms() {
        return Optional.ofNullable(sms);
    }

    /**
     * The postal address.
     *
     * @return the address, if set
     */
    public Optional<NotifyAddress> address() {
        return Optional.ofNullable(address);
    }

    /**
     * The name.
     *
     * @return the name, if set
     */
    public Optional<NotifyName> name() {
        return Optional.ofNullable(name);
    }

    /**
     * Says only which details are set.
     *
     * @return such as {@code NotifyContactDetails[email, name]}
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("NotifyContactDetails[");
        String sep = "";
        if (email != null) {
            sb.append("email");
            sep = ", ";
        }
        if (sms != null) {
            sb.append(sep).append("sms");
            sep = ", ";
        }
        if (address != null) {
            sb.append(sep).append("address");
            sep = ", ";
        }
        if (name != null) {
            sb.append(sep).append("name");
        }
        return sb.append(']').toString();
    }

    /**
     * Builds {@link NotifyContactDetails}; at least one detail must be set.
     */
    public static final class Builder {
        private String email;
        private String sms;
        private NotifyAddress address;
        private NotifyName name;

        private Builder() {}

        /**
         * Sets the email address.
         *
         * @param value 6 to 90 characters matching the spec's pattern
         * @return this builder
         * @throws NhsValidationException when it is not an email address
         */
        public Builder email(String value) {
            this.email = NotifyValidation.email(value);
            return this;
        }

        /**
         * Sets the mobile number.
         *
         * @param value a UK or international number (digits and spaces, optional leading {@code +})
         * @return this builder
         * @throws NhsValidationException when it is not a phone number
         */
        public Builder sms(String value) {
            this.sms = NotifyValidation.sms(value);
            return this;
        }

        /**
         * Sets the postal address.
         *
         * @param value the address
         * @return this builder
         */
        public Builder address(NotifyAddress value) {
            this.address = Objects.requireNonNull(value, "address");
            return this;
        }

        /**
         * Sets the name.
         *
         * @param value the name
         * @return this builder
         */
        public Builder name(NotifyName value) {
            this.name = Objects.requireNonNull(value, "name");
            return this;
        }

        /**
         * Builds the contact details.
         *
         * @return the details
         * @throws NhsValidationException when no detail is set (an empty override says nothing)
         */
        public NotifyContactDetails build() {
            if (email == null && sms == null && address == null && name == null) {
                throw new NhsValidationException(
                        "contactDetails", "must set at least one of email, sms, address, name");
            }
            return new NotifyContactDetails(this);
        }
    }
}

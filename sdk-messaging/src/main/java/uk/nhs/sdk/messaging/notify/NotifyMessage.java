package uk.nhs.sdk.messaging.notify;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.messaging.notify.internal.NotifyValidation;

/**
 * One message to send ({@code POST /v1/messages}, or one entry of a batch): the recipient's NHS
 * number, the routing plan, the caller's message reference (generated when omitted, and then
 * fixed in this object so that sending it again reuses it), optional contact-detail overrides,
 * originator ODS code, personalisation and billing reference. Immutable; {@link #toString()}
 * prints no patient data.
 *
 * <pre>{@code
 * NotifyMessage m = NotifyMessage.builder(NhsNumber.parse("9990548609"))
 *     .routingPlan(RoutingPlan.SMS)
 *     .personalisation("sms_body", "Your appointment is at 10:00 on Monday.")
 *     .build();
 * }</pre>
 */
public final class NotifyMessage {
    private final NhsNumber recipient;
    private final UUID routingPlanId;
    private final String messageReference;
    private final NotifyContactDetails contactDetails;
    private final OdsCode originator;
    private final Map<String, String> personalisation;
    private final String billingReference;

    private NotifyMessage(Builder b) {
        this.recipient = b.recipient;
        this.routingPlanId = b.routingPlanId;
        this.messageReference = b.messageReference != null
                ? b.messageReference
                : UUID.randomUUID().toString();
        this.contactDetails = b.contactDetails;
        this.originator = b.originator;
        this.personalisation = Collections.unmodifiableMap(new LinkedHashMap<>(b.personalisation));
        this.billingReference = b.billingReference;
    }

    /**
     * Starts a message to a patient.
     *
     * @param recipient the recipient's NHS number (validated, check digit included, by
     *     {@link NhsNumber#parse(String)})
     * @return the builder
     */
    public static Builder builder(NhsNumber recipient) {
        return new Builder(Objects.requireNonNull(recipient, "recipient"));
    }

    /**
     * The recipient's NHS number.
     *
     * @return the NHS number
     */
    public NhsNumber recipient() {
        return recipient;
    }

    /**
     * The routing plan id; required by {@link NotifyClient#send(NotifyMessage)}, optional in a
     * batch (where it must equal the batch's).
     *
     * @return the id, if set
     */
    public Optional<UUID> routingPlanId() {
        return Optional.ofNullable(routingPlanId);
    }

    /**
     * The message reference: the caller's, or a random UUID generated when the message was built.
     * NHS Notify de-duplicates on it, so a retried send must reuse it.
     *
     * @return the reference
     */
    public String messageReference() {
        return messageReference;
    }

    /**
     * The contact details overriding PDS's.
     *
     * @return the overrides, if set
     */
    public Optional<NotifyContactDetails> contactDetails() {
        return Optional.ofNullable(contactDetails);
    }

    /**
     * The originator's ODS code ({@code originator.odsCode}; needs {@code allowOdsOverride}).
     *
     * @return the code, if set
     */
    public Optional<OdsCode> originator() {
        return Optional.ofNullable(originator);
    }

    /**
     * The personalisation fields.
     *
     * @return an unmodifiable map in insertion order, possibly empty
     */
    public Map<String, String> personalisation() {
        return personalisation;
    }

    /**
     * The billing reference.
     *
     * @return the reference, if set
     */
    public Optional<String> billingReference() {
        return Optional.ofNullable(billingReference);
    }

    /**
     * A copy of this message for the same routing plan with another reference (for example the
     * next message of a series); everything else is kept.
     *
     * @param reference the new message reference
     * @return the copy
     */
    public NotifyMessage withMessageReference(String reference) {
        Builder b = new Builder(recipient);
        b.routingPlanId = routingPlanId;
        b.messageReference(reference);
        b.contactDetails = contactDetails;
        b.originator = originator;
        b.personalisation.putAll(personalisation);
        b.billingReference = billingReference;
        return b.build();
    }

    /**
     * Names the routing plan and the personalisation field names only.
     *
     * @return such as {@code NotifyMessage[plan=..., personalisation=[sms_body]]}
     */
    @Override
    public String toString() {
        return "NotifyMessage[plan=" + routingPlanId + ", personalisation=" + personalisation.keySet()
                + (contactDetails != null ? ", " + contactDetails : "") + "]";
    }

    /**
     * Builds a {@link NotifyMessage}. Every setter checks its input and fails with
     * {@link NhsValidationException} naming the rule.
     */
    public static final class Builder {
        private final NhsNumber recipient;
        private UUID routingPlanId;
        private String messageReference;
        private NotifyContactDetails contactDetails;
        private OdsCode originator;
        private final Map<String, String> personalisation = new LinkedHashMap<>();
        private String billingReference;

        private Builder(NhsNumber recipient) {
            this.recipient = recipient;
        }

        /**
         * Sets the routing plan by id.
         *
         * @param value the routing plan id NHS Notify issued (or a free-text plan's)
         * @return this builder
         */
        public Builder routingPlanId(UUID value) {
            this.routingPlanId = Objects.requireNonNull(value, "routingPlanId");
            return this;
        }

        /**
         * Sets the routing plan by id given as text.
         *
         * @param value a UUID such as {@code b838b13c-f98c-4def-93f0-515d4e4f4ee1}
         * @return this builder
         * @throws NhsValidationException when the text is not a UUID
         */
        public Builder routingPlanId(String value) {
            Objects.requireNonNull(value, "routingPlanId");
            if (!value.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
                throw new NhsValidationException("routingPlanId", "must be a UUID (8-4-4-4-12 hex digits)");
            }
            return routingPlanId(UUID.fromString(value));
        }

        /**
         * Sets the routing plan.
         *
         * @param value the plan, such as {@link RoutingPlan#SMS}
         * @return this builder
         */
        public Builder routingPlan(RoutingPlan value) {
            return routingPlanId(Objects.requireNonNull(value, "routingPlan").id());
        }

        /**
         * Sets the message reference (default: a random UUID).
         *
         * @param value 1 to 1,000 characters without control characters; unique per message for
         *     your application (NHS Notify keeps references 9 months)
         * @return this builder
         * @throws NhsValidationException when the reference breaks that rule
         */
        public Builder messageReference(String value) {
            this.messageReference =
                    NotifyValidation.reference("messageReference", value, NotifyValidation.MAX_REFERENCE);
            return this;
        }

        /**
         * Sets contact details overriding PDS's.
         *
         * @param value the overrides
         * @return this builder
         */
        public Builder contactDetails(NotifyContactDetails value) {
            this.contactDetails = Objects.requireNonNull(value, "contactDetails");
            return this;
        }

        /**
         * Sets the originator's ODS code.
         *
         * @param value the code
         * @return this builder
         */
        public Builder originator(OdsCode value) {
            this.originator = Objects.requireNonNull(value, "originator");
            return this;
        }

        /**
         * Adds (or replaces) a personalisation field.
         *
         * @param name the field name, 1 to 200 characters
         * @param value the value; tab and line breaks are the only control characters allowed
         * @return this builder
         * @throws NhsValidationException when the name or value breaks that rule
         */
        public Builder personalisation(String name, String value) {
            NotifyValidation.reference("personalisation", name, 200);
            personalisation.put(name, NotifyValidation.text("personalisation." + safeName(name), value));
            return this;
        }

        /**
         * Adds (or replaces) several personalisation fields.
         *
         * @param values the fields, added in the map's iteration order
         * @return this builder
         */
        public Builder personalisation(Map<String, String> values) {
            Objects.requireNonNull(values, "personalisation");
            values.forEach(this::personalisation);
            return this;
        }

        /**
         * Sets the billing reference.
         *
         * @param value 1 to 1,000 characters without control characters
         * @return this builder
         */
        public Builder billingReference(String value) {
            this.billingReference =
                    NotifyValidation.reference("billingReference", value, NotifyValidation.MAX_REFERENCE);
            return this;
        }

        /**
         * Builds the message, generating a message reference if none was set.
         *
         * @return the message
         */
        public NotifyMessage build() {
            return new NotifyMessage(this);
        }

        private static String safeName(String name) {
            return name.matches("[A-Za-z0-9_]{1,64}") ? name : "(field)";
        }
    }
}

package uk.nhs.sdk.messaging.notify.internal;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.messaging.notify.NotifyChannelType;
import uk.nhs.sdk.messaging.notify.RoutingPlan;

/**
 * The input rules of the NHS Notify client, each failing with an {@link NhsValidationException}
 * that names the field and the rule, never the value. Internal.
 */
public final class NotifyValidation {
    /** The longest reference the SDK sends (the spec sets none; this keeps requests sane). */
    public static final int MAX_REFERENCE = 1000;
    /** Room left in a batch reference for the per-part suffix {@code -part-0001}. */
    public static final int PART_SUFFIX = 10;

    /** The email pattern of {@code components/Recipient.yaml}, anchored. */
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Z|a-z]{2,}");

    private static final Pattern SMS = Pattern.compile("\\+?[0-9][0-9 ]{5,18}[0-9]");
    private static final Pattern POSTCODE = Pattern.compile(
            "(?i)(GIR ?0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKS-UW]|[A-HK-Y][0-9][ABEHMNPRV-Y]) ?[0-9][ABD-HJLNP-UW-Z]{2})");
    private static final Pattern KSUID = Pattern.compile("[A-Za-z0-9]{27}");

    private NotifyValidation() {}

    /**
     * A caller's reference: 1 to {@code max} characters, no control characters.
     *
     * @param field the field name for the message
     * @param value the value
     * @param max the most characters allowed
     * @return the value
     */
    public static String reference(String field, String value, int max) {
        Objects.requireNonNull(value, field);
        if (value.isEmpty() || value.length() > max) {
            throw new NhsValidationException(field, "must be 1 to " + max + " characters");
        }
        if (value.isBlank() || value.chars().anyMatch(Character::isISOControl)) {
            throw new NhsValidationException(field, "must not be blank or hold control characters");
        }
        return wellFormed(field, value);
    }

    /**
     * Text that UTF-8 can carry: no lone surrogate (half of a pair), which no JSON writer can send.
     *
     * @param field the field name
     * @param value the value
     * @return the value
     */
    static String wellFormed(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new NhsValidationException(
                        field, "must be valid Unicode text (it holds half of a surrogate pair)");
            }
        }
        return value;
    }

    /**
     * Free text the API accepts: not null, no NUL or other control characters except tab and
     * line breaks.
     *
     * @param field the field name
     * @param value the value
     * @return the value
     */
    public static String text(String field, String value) {
        Objects.requireNonNull(value, field);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                throw new NhsValidationException(
                        field, "must not hold control characters other than tab and line breaks");
            }
        }
        return wellFormed(field, value);
    }

    /**
     * A non-blank single line of at most {@code max} characters.
     *
     * @param field the field name
     * @param value the value
     * @param max the most characters
     * @return the value, stripped
     */
    public static String line(String field, String value, int max) {
        Objects.requireNonNull(value, field);
        String v = value.strip();
        if (v.isEmpty() || v.length() > max || v.chars().anyMatch(Character::isISOControl)) {
            throw new NhsValidationException(field, "must be 1 to " + max + " characters on one line");
        }
        return wellFormed(field, v);
    }

    /**
     * An email address by the spec's pattern and length (6 to 90 characters).
     *
     * @param value the address
     * @return the address
     */
    public static String email(String value) {
        Objects.requireNonNull(value, "email");
        if (value.length() < 6 || value.length() > 90 || !EMAIL.matcher(value).matches()) {
            throw new NhsValidationException(
                    "contactDetails.email",
                    "must be an email address of 6 to 90 characters (components/Recipient.yaml)");
        }
        return value;
    }

    /**
     * A mobile number: digits and spaces with an optional leading {@code +}, 7 to 20 characters.
     *
     * @param value the number
     * @return the number
     */
    public static String sms(String value) {
        Objects.requireNonNull(value, "sms");
        if (!SMS.matcher(value).matches()) {
            throw new NhsValidationException(
                    "contactDetails.sms",
                    "must be a UK or international mobile number: digits and spaces, an optional leading +, "
                            + "7 to 20 characters");
        }
        return value;
    }

    /**
     * A UK postcode.
     *
     * @param value the postcode
     * @return the postcode, stripped
     */
    public static String postcode(String value) {
        Objects.requireNonNull(value, "postcode");
        String v = value.strip();
        if (!POSTCODE.matcher(v).matches()) {
            throw new NhsValidationException("contactDetails.address.postcode", "must be a UK postcode");
        }
        return v;
    }

    /**
     * Whether a value is a KSUID as NHS Notify's ids are ({@code schemas/types/KSUID.yaml}).
     *
     * @param value the value
     * @return {@code true} for 27 letters and digits
     */
    public static boolean isKsuid(String value) {
        return value != null && KSUID.matcher(value).matches();
    }

    /**
     * A message id: a KSUID.
     *
     * @param value the id
     * @return the id
     */
    public static String messageId(String value) {
        Objects.requireNonNull(value, "messageId");
        if (!isKsuid(value)) {
            throw new NhsValidationException("messageId", "must be a KSUID: 27 letters and digits");
        }
        return value;
    }

    /**
     * The free-text rules of the seven global routing plans: every field the plan names is present
     * and not blank, and none is longer (in Unicode code points) than its channel's limit. Other
     * plans' personalisation is agreed at onboarding and not checked here.
     *
     * @param field the field prefix for messages, such as {@code personalisation}
     * @param routingPlanId the routing plan
     * @param personalisation the fields
     */
    public static void freeText(String field, UUID routingPlanId, Map<String, String> personalisation) {
        Optional<RoutingPlan> plan = RoutingPlan.freeText(routingPlanId);
        if (plan.isEmpty()) {
            return;
        }
        for (Map.Entry<String, NotifyChannelType> f :
                plan.get().personalisationFields().entrySet()) {
            String v = personalisation.get(f.getKey());
            if (v == null || v.isBlank()) {
                throw new NhsValidationException(
                        field + "." + f.getKey(),
                        "is required by the free-text routing plan "
                                + plan.get().id() + " (" + plan.get().description() + ")");
            }
            int limit = f.getValue().characterLimit().orElse(Integer.MAX_VALUE);
            if (v.length() > limit && v.codePointCount(0, v.length()) > limit) {
                throw new NhsValidationException(
                        field + "." + f.getKey(),
                        "must be at most " + limit + " characters (the "
                                + f.getValue().value() + " channel limit)");
            }
        }
    }
}

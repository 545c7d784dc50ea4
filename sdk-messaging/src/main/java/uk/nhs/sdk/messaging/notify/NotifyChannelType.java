package uk.nhs.sdk.messaging.notify;

import java.util.List;

/**
 * A channel ({@code type} of a channel, {@code channel} of a callback): the values the NHS Notify spec lists ({@code schemas/enums/ChannelType.yaml}) as constants, and
 * any other value the API sends kept as it came, since the API adds values without notice.
 * Compare with {@link #equals(Object)} or {@link #value()}.
 */
public final class NotifyChannelType extends NotifyValue<NotifyChannelType> {
    /** {@code nhsapp}. */
    public static final NotifyChannelType NHSAPP = new NotifyChannelType("nhsapp");
    /** {@code email}. */
    public static final NotifyChannelType EMAIL = new NotifyChannelType("email");
    /** {@code sms}. */
    public static final NotifyChannelType SMS = new NotifyChannelType("sms");
    /** {@code letter}. */
    public static final NotifyChannelType LETTER = new NotifyChannelType("letter");

    private static final List<NotifyChannelType> KNOWN = List.of(NHSAPP, EMAIL, SMS, LETTER);

    private NotifyChannelType(String value) {
        super(value);
    }

    /**
     * The constant for a value, or a new instance holding an unknown one.
     *
     * @param value the value as the API sends it
     * @return the status
     */
    public static NotifyChannelType of(String value) {
        return lookUp(value, KNOWN, NotifyChannelType::new);
    }

    /**
     * The values the spec lists.
     *
     * @return an unmodifiable list
     */
    public static List<NotifyChannelType> known() {
        return KNOWN;
    }

    @Override
    List<NotifyChannelType> knownValues() {
        return KNOWN;
    }

    /**
     * The most characters NHS Notify accepts in this channel's free text (APIDescription.md,
     * "Free-text communications"): email 100,000, letter 15,000, NHS App 5,000, SMS 918.
     *
     * @return the limit, or empty for a channel the SDK does not know
     */
    public java.util.OptionalInt characterLimit() {
        switch (value()) {
            case "email":
                return java.util.OptionalInt.of(100_000);
            case "letter":
                return java.util.OptionalInt.of(15_000);
            case "nhsapp":
                return java.util.OptionalInt.of(5_000);
            case "sms":
                return java.util.OptionalInt.of(918);
            default:
                return java.util.OptionalInt.empty();
        }
    }
}

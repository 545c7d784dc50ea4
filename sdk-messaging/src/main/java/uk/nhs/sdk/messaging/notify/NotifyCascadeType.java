package uk.nhs.sdk.messaging.notify;

import java.util.List;

/**
 * Whether a channel is the primary one or a fallback ({@code cascadeType}): the values the NHS Notify spec lists ({@code schemas/enums/CascadeType.yaml}) as constants, and
 * any other value the API sends kept as it came, since the API adds values without notice.
 * Compare with {@link #equals(Object)} or {@link #value()}.
 */
public final class NotifyCascadeType extends NotifyValue<NotifyCascadeType> {
    /** {@code primary}. */
    public static final NotifyCascadeType PRIMARY = new NotifyCascadeType("primary");
    /** {@code secondary}. */
    public static final NotifyCascadeType SECONDARY = new NotifyCascadeType("secondary");

    private static final List<NotifyCascadeType> KNOWN = List.of(PRIMARY, SECONDARY);

    private NotifyCascadeType(String value) {
        super(value);
    }

    /**
     * The constant for a value, or a new instance holding an unknown one.
     *
     * @param value the value as the API sends it
     * @return the status
     */
    public static NotifyCascadeType of(String value) {
        return lookUp(value, KNOWN, NotifyCascadeType::new);
    }

    /**
     * The values the spec lists.
     *
     * @return an unmodifiable list
     */
    public static List<NotifyCascadeType> known() {
        return KNOWN;
    }

    @Override
    List<NotifyCascadeType> knownValues() {
        return KNOWN;
    }
}

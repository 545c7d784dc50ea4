package uk.nhs.sdk.messaging.notify;

import java.util.List;
import java.util.Objects;

/**
 * Whether a channel is the primary one or a fallback ({@code cascadeType}): the values the NHS Notify spec lists ({@code schemas/enums/CascadeType.yaml}) as constants, and
 * any other value the API sends kept as it came, since the API adds values without notice.
 * Compare with {@link #equals(Object)} or {@link #value()}.
 */
public final class NotifyCascadeType {
    /** {@code primary}. */
    public static final NotifyCascadeType PRIMARY = new NotifyCascadeType("primary");
    /** {@code secondary}. */
    public static final NotifyCascadeType SECONDARY = new NotifyCascadeType("secondary");

    private static final List<NotifyCascadeType> KNOWN = List.of(PRIMARY, SECONDARY);

    private final String value;

    private NotifyCascadeType(String value) {
        this.value = value;
    }

    /**
     * The constant for a value, or a new instance holding an unknown one.
     *
     * @param value the value as the API sends it
     * @return the status
     */
    public static NotifyCascadeType of(String value) {
        Objects.requireNonNull(value, "value");
        for (NotifyCascadeType k : KNOWN) {
            if (k.value.equals(value)) {
                return k;
            }
        }
        return new NotifyCascadeType(value);
    }

    /**
     * The values the spec lists.
     *
     * @return an unmodifiable list
     */
    public static List<NotifyCascadeType> known() {
        return KNOWN;
    }

    /**
     * The value as the API sends it.
     *
     * @return the value
     */
    public String value() {
        return value;
    }

    /**
     * Whether the spec lists this value.
     *
     * @return {@code false} for a value the API added later
     */
    public boolean isKnown() {
        return KNOWN.contains(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NotifyCascadeType && ((NotifyCascadeType) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value.matches("[A-Za-z0-9_]{1,64}") ? value : "(a value not shown)";
    }
}

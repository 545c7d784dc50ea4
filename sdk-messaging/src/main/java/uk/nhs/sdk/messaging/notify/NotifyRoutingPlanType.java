package uk.nhs.sdk.messaging.notify;

import java.util.List;
import java.util.Objects;

/**
 * Whether a channel came from the requested routing plan or a conditional override: the values the NHS Notify spec lists ({@code schemas/enums/RoutingPlanType.yaml}) as constants, and
 * any other value the API sends kept as it came, since the API adds values without notice.
 * Compare with {@link #equals(Object)} or {@link #value()}.
 */
public final class NotifyRoutingPlanType {
    /** {@code original}. */
    public static final NotifyRoutingPlanType ORIGINAL = new NotifyRoutingPlanType("original");
    /** {@code override}. */
    public static final NotifyRoutingPlanType OVERRIDE = new NotifyRoutingPlanType("override");

    private static final List<NotifyRoutingPlanType> KNOWN = List.of(ORIGINAL, OVERRIDE);

    private final String value;

    private NotifyRoutingPlanType(String value) {
        this.value = value;
    }

    /**
     * The constant for a value, or a new instance holding an unknown one.
     *
     * @param value the value as the API sends it
     * @return the status
     */
    public static NotifyRoutingPlanType of(String value) {
        Objects.requireNonNull(value, "value");
        for (NotifyRoutingPlanType k : KNOWN) {
            if (k.value.equals(value)) {
                return k;
            }
        }
        return new NotifyRoutingPlanType(value);
    }

    /**
     * The values the spec lists.
     *
     * @return an unmodifiable list
     */
    public static List<NotifyRoutingPlanType> known() {
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
        return o instanceof NotifyRoutingPlanType && ((NotifyRoutingPlanType) o).value.equals(value);
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

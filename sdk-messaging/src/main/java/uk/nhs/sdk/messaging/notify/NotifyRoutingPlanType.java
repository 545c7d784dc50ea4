package uk.nhs.sdk.messaging.notify;

import java.util.List;

/**
 * Whether a channel came from the requested routing plan or a conditional override: the values the NHS Notify spec lists ({@code schemas/enums/RoutingPlanType.yaml}) as constants, and
 * any other value the API sends kept as it came, since the API adds values without notice.
 * Compare with {@link #equals(Object)} or {@link #value()}.
 */
public final class NotifyRoutingPlanType extends NotifyValue<NotifyRoutingPlanType> {
    /** {@code original}. */
    public static final NotifyRoutingPlanType ORIGINAL = new NotifyRoutingPlanType("original");
    /** {@code override}. */
    public static final NotifyRoutingPlanType OVERRIDE = new NotifyRoutingPlanType("override");

    private static final List<NotifyRoutingPlanType> KNOWN = List.of(ORIGINAL, OVERRIDE);

    private NotifyRoutingPlanType(String value) {
        super(value);
    }

    /**
     * The constant for a value, or a new instance holding an unknown one.
     *
     * @param value the value as the API sends it
     * @return the status
     */
    public static NotifyRoutingPlanType of(String value) {
        return lookUp(value, KNOWN, NotifyRoutingPlanType::new);
    }

    /**
     * The values the spec lists.
     *
     * @return an unmodifiable list
     */
    public static List<NotifyRoutingPlanType> known() {
        return KNOWN;
    }

    @Override
    List<NotifyRoutingPlanType> knownValues() {
        return KNOWN;
    }
}

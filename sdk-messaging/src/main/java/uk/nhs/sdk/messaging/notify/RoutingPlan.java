package uk.nhs.sdk.messaging.notify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A routing plan: the id NHS Notify routes a message by, and, for the seven global free-text plans
 * NHS Notify publishes, the personalisation fields each needs and the channel each field fills
 * (APIDescription.md, "Free-text communications"). Plans issued at onboarding are made with
 * {@link #of(UUID)} and carry no field rules (their personalisation is agreed at onboarding and
 * validated by NHS Notify).
 *
 * <p>For a free-text plan, {@link NotifyClient} checks before sending that every field is present
 * and that no field is longer than its channel's limit ({@link NotifyChannelType#characterLimit()}).
 */
public final class RoutingPlan {
    /** NHS App message (24 hours): {@code body}. */
    public static final RoutingPlan NHS_APP = free(1, "NHS App message", "body", NotifyChannelType.NHSAPP);
    /** Email (72 hours): {@code email_subject}, {@code email_body}. */
    public static final RoutingPlan EMAIL =
            free(2, "Email", "email_subject", NotifyChannelType.EMAIL, "email_body", NotifyChannelType.EMAIL);
    /** Text message (72 hours): {@code sms_body}. */
    public static final RoutingPlan SMS = free(3, "Text message", "sms_body", NotifyChannelType.SMS);
    /** NHS App message (24 hours) with a fallback to email (72 hours). */
    public static final RoutingPlan NHS_APP_THEN_EMAIL_24H = free(
            4,
            "NHS App message, then email after 24 hours",
            "nhsapp_body",
            NotifyChannelType.NHSAPP,
            "email_subject",
            NotifyChannelType.EMAIL,
            "email_body",
            NotifyChannelType.EMAIL);
    /** NHS App message (4 hours) with a fallback to email (72 hours). */
    public static final RoutingPlan NHS_APP_THEN_EMAIL_4H = free(
            5,
            "NHS App message, then email after 4 hours",
            "nhsapp_body",
            NotifyChannelType.NHSAPP,
            "email_subject",
            NotifyChannelType.EMAIL,
            "email_body",
            NotifyChannelType.EMAIL);
    /** NHS App message (24 hours) with a fallback to a text message (72 hours). */
    public static final RoutingPlan NHS_APP_THEN_SMS_24H = free(
            6,
            "NHS App message, then text message after 24 hours",
            "nhsapp_body",
            NotifyChannelType.NHSAPP,
            "sms_body",
            NotifyChannelType.SMS);
    /** NHS App message (4 hours) with a fallback to a text message (72 hours). */
    public static final RoutingPlan NHS_APP_THEN_SMS_4H = free(
            7,
            "NHS App message, then text message after 4 hours",
            "nhsapp_body",
            NotifyChannelType.NHSAPP,
            "sms_body",
            NotifyChannelType.SMS);

    private static final List<RoutingPlan> FREE_TEXT = List.of(
            NHS_APP,
            EMAIL,
            SMS,
            NHS_APP_THEN_EMAIL_24H,
            NHS_APP_THEN_EMAIL_4H,
            NHS_APP_THEN_SMS_24H,
            NHS_APP_THEN_SMS_4H);

    private final UUID id;
    private final String description;
    private final Map<String, NotifyChannelType> fields;

    private RoutingPlan(UUID id, String description, Map<String, NotifyChannelType> fields) {
        this.id = id;
        this.description = description;
        this.fields = java.util.Collections.unmodifiableMap(fields); // no new wrapper for one already unmodifiable
    }

    private static RoutingPlan free(int n, String description, Object... fieldsAndChannels) {
        Map<String, NotifyChannelType> f = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndChannels.length; i += 2) {
            f.put((String) fieldsAndChannels[i], (NotifyChannelType) fieldsAndChannels[i + 1]);
        }
        return new RoutingPlan(new UUID(0L, n), description, java.util.Collections.unmodifiableMap(f));
    }

    /**
     * The plan with an id: one of the free-text constants when the id is theirs, else a plan
     * without field rules.
     *
     * @param id the routing plan id
     * @return the plan
     */
    public static RoutingPlan of(UUID id) {
        Objects.requireNonNull(id, "id");
        return freeText(id).orElseGet(() -> new RoutingPlan(id, "routing plan", Map.of()));
    }

    /**
     * The free-text plan with an id.
     *
     * @param id the routing plan id
     * @return the plan, when the id is one of the seven global free-text plans
     */
    public static Optional<RoutingPlan> freeText(UUID id) {
        Objects.requireNonNull(id, "id");
        return FREE_TEXT.stream().filter(p -> p.id.equals(id)).findFirst();
    }

    /**
     * The seven global free-text plans.
     *
     * @return an unmodifiable list, in the order NHS Notify numbers them
     */
    public static List<RoutingPlan> freeTextPlans() {
        return FREE_TEXT;
    }

    /**
     * The routing plan id.
     *
     * @return the id
     */
    public UUID id() {
        return id;
    }

    /**
     * What the plan sends, for people reading logs or a UI.
     *
     * @return for example {@code Email}
     */
    public String description() {
        return description;
    }

    /**
     * Whether this is one of the global free-text plans, whose fields the SDK checks.
     *
     * @return {@code true} for the seven constants
     */
    public boolean isFreeText() {
        return !fields.isEmpty();
    }

    /**
     * The personalisation fields the plan requires, each with the channel whose character limit
     * applies to it.
     *
     * @return an unmodifiable map in the documented order; empty for a plan issued at onboarding
     */
    public Map<String, NotifyChannelType> personalisationFields() {
        return fields;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RoutingPlan && ((RoutingPlan) o).id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "RoutingPlan[" + id + " " + description + "]";
    }
}

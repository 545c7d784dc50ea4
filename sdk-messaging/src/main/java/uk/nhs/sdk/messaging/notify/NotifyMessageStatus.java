package uk.nhs.sdk.messaging.notify;

import java.util.List;

/**
 * A message's overall status ({@code messageStatus}): the values the NHS Notify spec lists ({@code schemas/enums/MessageStatusEnum.yaml}) as constants, and
 * any other value the API sends kept as it came, since the API adds values without notice.
 * Compare with {@link #equals(Object)} or {@link #value()}.
 */
public final class NotifyMessageStatus extends NotifyValue<NotifyMessageStatus> {
    /** {@code created}. */
    public static final NotifyMessageStatus CREATED = new NotifyMessageStatus("created");
    /** {@code pending_enrichment}. */
    public static final NotifyMessageStatus PENDING_ENRICHMENT = new NotifyMessageStatus("pending_enrichment");
    /** {@code enriched}. */
    public static final NotifyMessageStatus ENRICHED = new NotifyMessageStatus("enriched");
    /** {@code sending}. */
    public static final NotifyMessageStatus SENDING = new NotifyMessageStatus("sending");
    /** {@code delivered}. */
    public static final NotifyMessageStatus DELIVERED = new NotifyMessageStatus("delivered");
    /** {@code failed}. */
    public static final NotifyMessageStatus FAILED = new NotifyMessageStatus("failed");

    private static final List<NotifyMessageStatus> KNOWN =
            List.of(CREATED, PENDING_ENRICHMENT, ENRICHED, SENDING, DELIVERED, FAILED);

    private NotifyMessageStatus(String value) {
        super(value);
    }

    /**
     * The constant for a value, or a new instance holding an unknown one.
     *
     * @param value the value as the API sends it
     * @return the status
     */
    public static NotifyMessageStatus of(String value) {
        return lookUp(value, KNOWN, NotifyMessageStatus::new);
    }

    /**
     * The values the spec lists.
     *
     * @return an unmodifiable list
     */
    public static List<NotifyMessageStatus> known() {
        return KNOWN;
    }

    @Override
    List<NotifyMessageStatus> knownValues() {
        return KNOWN;
    }
}

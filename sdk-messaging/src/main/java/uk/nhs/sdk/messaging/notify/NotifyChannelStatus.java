package uk.nhs.sdk.messaging.notify;

import java.util.List;

/**
 * One channel's status ({@code channelStatus}): the values the NHS Notify spec lists ({@code schemas/enums/ChannelStatus.yaml}) as constants, and
 * any other value the API sends kept as it came, since the API adds values without notice.
 * Compare with {@link #equals(Object)} or {@link #value()}.
 */
public final class NotifyChannelStatus extends NotifyValue<NotifyChannelStatus> {
    /** {@code created}. */
    public static final NotifyChannelStatus CREATED = new NotifyChannelStatus("created");
    /** {@code sending}. */
    public static final NotifyChannelStatus SENDING = new NotifyChannelStatus("sending");
    /** {@code delivered}. */
    public static final NotifyChannelStatus DELIVERED = new NotifyChannelStatus("delivered");
    /** {@code failed}. */
    public static final NotifyChannelStatus FAILED = new NotifyChannelStatus("failed");
    /** {@code skipped}. */
    public static final NotifyChannelStatus SKIPPED = new NotifyChannelStatus("skipped");

    private static final List<NotifyChannelStatus> KNOWN = List.of(CREATED, SENDING, DELIVERED, FAILED, SKIPPED);

    private NotifyChannelStatus(String value) {
        super(value);
    }

    /**
     * The constant for a value, or a new instance holding an unknown one.
     *
     * @param value the value as the API sends it
     * @return the status
     */
    public static NotifyChannelStatus of(String value) {
        return lookUp(value, KNOWN, NotifyChannelStatus::new);
    }

    /**
     * The values the spec lists.
     *
     * @return an unmodifiable list
     */
    public static List<NotifyChannelStatus> known() {
        return KNOWN;
    }

    @Override
    List<NotifyChannelStatus> knownValues() {
        return KNOWN;
    }
}

package uk.nhs.sdk.messaging.notify;

import java.util.List;
import java.util.Objects;

/**
 * One channel's status ({@code channelStatus}): the values the NHS Notify spec lists ({@code schemas/enums/ChannelStatus.yaml}) as constants, and
 * any other value the API sends kept as it came, since the API adds values without notice.
 * Compare with {@link #equals(Object)} or {@link #value()}.
 */
public final class NotifyChannelStatus {
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

    private final String value;

    private NotifyChannelStatus(String value) {
        this.value = value;
    }

    /**
     * The constant for a value, or a new instance holding an unknown one.
     *
     * @param value the value as the API sends it
     * @return the status
     */
    public static NotifyChannelStatus of(String value) {
        Objects.requireNonNull(value, "value");
        for (NotifyChannelStatus k : KNOWN) {
            if (k.value.equals(value)) {
                return k;
            }
        }
        return new NotifyChannelStatus(value);
    }

    /**
     * The values the spec lists.
     *
     * @return an unmodifiable list
     */
    public static List<NotifyChannelStatus> known() {
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
        return o instanceof NotifyChannelStatus && ((NotifyChannelStatus) o).value.equals(value);
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

package uk.nhs.sdk.messaging.notify;

import java.util.List;
import java.util.Objects;

/**
 * The status a channel's supplier reported ({@code supplierStatus}): the values the NHS Notify spec lists ({@code schemas/enums/SupplierStatusEnum.yaml}) as constants, and
 * any other value the API sends kept as it came, since the API adds values without notice.
 * Compare with {@link #equals(Object)} or {@link #value()}.
 */
public final class NotifySupplierStatus {
    /** {@code delivered}. */
    public static final NotifySupplierStatus DELIVERED = new NotifySupplierStatus("delivered");
    /** {@code read}. */
    public static final NotifySupplierStatus READ = new NotifySupplierStatus("read");
    /** {@code notification_attempted}. */
    public static final NotifySupplierStatus NOTIFICATION_ATTEMPTED = new NotifySupplierStatus("notification_attempted");
    /** {@code unnotified}. */
    public static final NotifySupplierStatus UNNOTIFIED = new NotifySupplierStatus("unnotified");
    /** {@code rejected}. */
    public static final NotifySupplierStatus REJECTED = new NotifySupplierStatus("rejected");
    /** {@code notified}. */
    public static final NotifySupplierStatus NOTIFIED = new NotifySupplierStatus("notified");
    /** {@code received}. */
    public static final NotifySupplierStatus RECEIVED = new NotifySupplierStatus("received");
    /** {@code permanent_failure}. */
    public static final NotifySupplierStatus PERMANENT_FAILURE = new NotifySupplierStatus("permanent_failure");
    /** {@code temporary_failure}. */
    public static final NotifySupplierStatus TEMPORARY_FAILURE = new NotifySupplierStatus("temporary_failure");
    /** {@code technical_failure}. */
    public static final NotifySupplierStatus TECHNICAL_FAILURE = new NotifySupplierStatus("technical_failure");
    /** {@code accepted}. */
    public static final NotifySupplierStatus ACCEPTED = new NotifySupplierStatus("accepted");
    /** {@code cancelled}. */
    public static final NotifySupplierStatus CANCELLED = new NotifySupplierStatus("cancelled");
    /** {@code pending_virus_check}. */
    public static final NotifySupplierStatus PENDING_VIRUS_CHECK = new NotifySupplierStatus("pending_virus_check");
    /** {@code validation_failed}. */
    public static final NotifySupplierStatus VALIDATION_FAILED = new NotifySupplierStatus("validation_failed");
    /** {@code unknown}. */
    public static final NotifySupplierStatus UNKNOWN = new NotifySupplierStatus("unknown");

    private static final List<NotifySupplierStatus> KNOWN = List.of(DELIVERED, READ, NOTIFICATION_ATTEMPTED, UNNOTIFIED, REJECTED, NOTIFIED, RECEIVED, PERMANENT_FAILURE, TEMPORARY_FAILURE, TECHNICAL_FAILURE, ACCEPTED, CANCELLED, PENDING_VIRUS_CHECK, VALIDATION_FAILED, UNKNOWN);

    private final String value;

    private NotifySupplierStatus(String value) {
        this.value = value;
    }

    /**
     * The constant for a value, or a new instance holding an unknown one.
     *
     * @param value the value as the API sends it
     * @return the status
     */
    public static NotifySupplierStatus of(String value) {
        Objects.requireNonNull(value, "value");
        for (NotifySupplierStatus k : KNOWN) {
            if (k.value.equals(value)) {
                return k;
            }
        }
        return new NotifySupplierStatus(value);
    }

    /**
     * The values the spec lists.
     *
     * @return an unmodifiable list
     */
    public static List<NotifySupplierStatus> known() {
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
        return o instanceof NotifySupplierStatus && ((NotifySupplierStatus) o).value.equals(value);
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

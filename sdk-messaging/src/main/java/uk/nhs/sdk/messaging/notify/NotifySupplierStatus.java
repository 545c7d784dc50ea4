package uk.nhs.sdk.messaging.notify;

import java.util.List;

/**
 * The status a channel's supplier reported ({@code supplierStatus}): the values the NHS Notify spec lists ({@code schemas/enums/SupplierStatusEnum.yaml}) as constants, and
 * any other value the API sends kept as it came, since the API adds values without notice.
 * Compare with {@link #equals(Object)} or {@link #value()}.
 */
public final class NotifySupplierStatus extends NotifyValue<NotifySupplierStatus> {
    /** {@code delivered}. */
    public static final NotifySupplierStatus DELIVERED = new NotifySupplierStatus("delivered");
    /** {@code read}. */
    public static final NotifySupplierStatus READ = new NotifySupplierStatus("read");
    /** {@code notification_attempted}. */
    public static final NotifySupplierStatus NOTIFICATION_ATTEMPTED =
            new NotifySupplierStatus("notification_attempted");
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

    private static final List<NotifySupplierStatus> KNOWN = List.of(
            DELIVERED,
            READ,
            NOTIFICATION_ATTEMPTED,
            UNNOTIFIED,
            REJECTED,
            NOTIFIED,
            RECEIVED,
            PERMANENT_FAILURE,
            TEMPORARY_FAILURE,
            TECHNICAL_FAILURE,
            ACCEPTED,
            CANCELLED,
            PENDING_VIRUS_CHECK,
            VALIDATION_FAILED,
            UNKNOWN);

    private NotifySupplierStatus(String value) {
        super(value);
    }

    /**
     * The constant for a value, or a new instance holding an unknown one.
     *
     * @param value the value as the API sends it
     * @return the status
     */
    public static NotifySupplierStatus of(String value) {
        return lookUp(value, KNOWN, NotifySupplierStatus::new);
    }

    /**
     * The values the spec lists.
     *
     * @return an unmodifiable list
     */
    public static List<NotifySupplierStatus> known() {
        return KNOWN;
    }

    @Override
    List<NotifySupplierStatus> knownValues() {
        return KNOWN;
    }
}

package uk.nhs.sdk.messaging.notify;

import java.util.Objects;
import uk.nhs.sdk.core.NhsNumber;

/**
 * A patient with an NHS App account (P9) registered at a GP practice, and whether they allow
 * notifications. {@link #toString()} hides the NHS number.
 *
 * @param nhsNumber the patient's NHS number
 * @param notificationsEnabled whether push notifications are on
 */
public record NhsAppAccount(NhsNumber nhsNumber, boolean notificationsEnabled) {
    /**
     * Checks the components.
     *
     * @param nhsNumber the NHS number
     * @param notificationsEnabled the flag
     */
    public NhsAppAccount {
        Objects.requireNonNull(nhsNumber, "nhsNumber");
    }

    /**
     * The flag only.
     *
     * @return such as {@code NhsAppAccount[***, notificationsEnabled=true]}
     */
    @Override
    public String toString() {
        return "NhsAppAccount[***, notificationsEnabled=" + notificationsEnabled + "]";
    }
}

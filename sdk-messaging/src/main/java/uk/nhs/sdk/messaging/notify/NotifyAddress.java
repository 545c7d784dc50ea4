package uk.nhs.sdk.messaging.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.messaging.notify.internal.NotifyValidation;

/**
 * A postal address that overrides the one in PDS ({@code recipient.contactDetails.address}): 2 to
 * 5 lines and a UK postcode (both required by {@code components/Recipient.yaml}).
 * {@link #toString()} prints no part of it.
 */
public final class NotifyAddress {
    private static final int MAX_LINE = 200;

    private final List<String> lines;
    private final String postcode;

    private NotifyAddress(List<String> lines, String postcode) {
        this.lines = List.copyOf(lines);
        this.postcode = postcode;
    }

    /**
     * Creates an address.
     *
     * @param lines 2 to 5 lines, each 1 to 200 characters on one line (the postcode not among them)
     * @param postcode a UK postcode
     * @return the address
     * @throws NhsValidationException when there are fewer than 2 or more than 5 lines, a line is
     *     blank or too long, or the postcode is not a UK postcode
     */
    public static NotifyAddress of(List<String> lines, String postcode) {
        Objects.requireNonNull(lines, "lines");
        if (lines.size() < 2 || lines.size() > 5) {
            throw new NhsValidationException("contactDetails.address.lines", "must hold 2 to 5 lines");
        }
        List<String> copy = new ArrayList<>(lines.size());
        for (String l : lines) {
            copy.add(NotifyValidation.line("contactDetails.address.lines", l, MAX_LINE));
        }
        return new NotifyAddress(List.copyOf(copy), NotifyValidation.postcode(postcode));
    }

    /**
     * The lines.
     *
     * @return an unmodifiable list of 2 to 5 lines
     */
    public List<String> lines() {
        return lines;
    }

    /**
     * The postcode.
     *
     * @return the postcode
     */
    public String postcode() {
        return postcode;
    }

    /**
     * Says only how many lines there are.
     *
     * @return such as {@code NotifyAddress[3 lines]}
     */
    @Override
    public String toString() {
        return "NotifyAddress[" + lines.size() + " lines]";
    }
}

package uk.nhs.sdk.messaging.notify;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import uk.nhs.sdk.core.OdsCode;

/**
 * One page of {@code GET /channels/nhsapp/accounts}: the NHS App accounts of a GP practice. NHS
 * Notify refreshes this data daily; cache it rather than fetching it per message.
 *
 * @param odsCode the practice
 * @param page the page number, from 1
 * @param lastPage the last page's number, when NHS Notify said ({@code links.last})
 * @param hasNext whether NHS Notify linked a next page
 * @param accounts the accounts on this page
 */
public record NhsAppAccountsPage(
        OdsCode odsCode, int page, OptionalInt lastPage, boolean hasNext, List<NhsAppAccount> accounts) {
    /**
     * Checks the components and copies the list.
     *
     * @param odsCode the practice
     * @param page the page number
     * @param lastPage the last page's number
     * @param hasNext whether a next page exists
     * @param accounts the accounts
     */
    public NhsAppAccountsPage {
        Objects.requireNonNull(odsCode, "odsCode");
        Objects.requireNonNull(lastPage, "lastPage");
        accounts = List.copyOf(accounts);
    }

    /**
     * Counts only.
     *
     * @return such as {@code NhsAppAccountsPage[Y12345 page 1 of 8, 20 accounts]}
     */
    @Override
    public String toString() {
        return "NhsAppAccountsPage[" + odsCode + " page " + page
                + (lastPage.isPresent() ? " of " + lastPage.getAsInt() : "") + ", " + accounts.size() + " accounts]";
    }
}

package uk.nhs.sdk.records.nrl;

import java.util.List;

/**
 * The pointers a search found: NRL returns every match in one Bundle (it does not page).
 */
public final class PointerSearchResult {
    private final int total;
    private final List<DocumentReference> pointers;
    private final String requestId;

    PointerSearchResult(int total, List<DocumentReference> pointers, String requestId) {
        this.total = total;
        this.pointers = List.copyOf(pointers);
        this.requestId = requestId;
    }

    /**
     * The number of matches NRL reported ({@code Bundle.total}), else the number of pointers.
     *
     * @return the total
     */
    public int total() {
        return total;
    }

    /**
     * The pointers found.
     *
     * @return an unmodifiable list, possibly empty
     */
    public List<DocumentReference> pointers() {
        return pointers;
    }

    /**
     * The {@code X-Request-ID} of the search.
     *
     * @return the request id
     */
    public String requestId() {
        return requestId;
    }

    @Override
    public String toString() {
        return "PointerSearchResult[total=" + total + ", pointers=" + pointers + "]";
    }
}

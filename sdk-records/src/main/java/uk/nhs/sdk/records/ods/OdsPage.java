package uk.nhs.sdk.records.ods;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * One page of a search: its resources, the total when the API sent one, and whether another
 * page follows.
 *
 * @param <T> the resource type
 */
public final class OdsPage<T> {
    private final List<T> items;
    private final Integer total;
    private final URI next;

    OdsPage(List<T> items, Integer total, URI next) {
        this.items = List.copyOf(items);
        this.total = total;
        this.next = next;
    }

    /**
     * The page's resources.
     *
     * @return an unmodifiable list, possibly empty
     */
    public List<T> items() {
        return items;
    }

    /**
     * The number of matches over all pages, when the API sent it.
     *
     * @return the total
     */
    public Optional<Integer> total() {
        return Optional.ofNullable(total);
    }

    /**
     * Whether another page follows.
     *
     * @return {@code true} when the page has a {@code next} link
     */
    public boolean hasNext() {
        return next != null;
    }

    /**
     * The {@code next} link, already checked to be on the client's base URL.
     *
     * @return the link
     */
    public Optional<URI> nextLink() {
        return Optional.ofNullable(next);
    }

    @Override
    public String toString() {
        return "OdsPage[" + items.size() + " item(s)" + (next != null ? ", more" : "") + "]";
    }
}

package uk.nhs.sdk.messaging.mesh;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One page of inbox message ids (ready to download), with the approximate inbox size and, when
 * more messages wait, the query for the next page. With a workflow filter a page can be empty
 * while more pages follow.
 */
public final class MeshInboxPage {
    private final List<String> messageIds;
    private final Long approximateInboxCount;
    private final MeshInboxQuery next;

    MeshInboxPage(List<String> messageIds, Long approximateInboxCount, MeshInboxQuery next) {
        this.messageIds = List.copyOf(messageIds);
        this.approximateInboxCount = approximateInboxCount;
        this.next = next;
    }

    /**
     * The message ids on this page, oldest first as MESH lists them.
     *
     * @return an unmodifiable list, possibly empty
     */
    public List<String> messageIds() {
        return messageIds;
    }

    /**
     * MESH's eventually consistent indication of the inbox size.
     *
     * @return {@code approx_inbox_count}, when given
     */
    public OptionalLong approximateInboxCount() {
        return approximateInboxCount == null ? OptionalLong.empty() : OptionalLong.of(approximateInboxCount);
    }

    /**
     * The query for the next page, from {@code links.next}.
     *
     * @return the query, when more results exist
     */
    public Optional<MeshInboxQuery> nextPage() {
        return Optional.ofNullable(next);
    }

    /**
     * Whether more results exist.
     *
     * @return {@code true} when {@link #nextPage()} is present
     */
    public boolean hasMore() {
        return next != null;
    }

    @Override
    public String toString() {
        return "MeshInboxPage[messages=" + messageIds.size() + ", hasMore=" + hasMore() + "]";
    }
}

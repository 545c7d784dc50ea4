package uk.nhs.sdk.messaging.mesh;

import java.util.Optional;
import java.util.OptionalInt;
import uk.nhs.sdk.messaging.mesh.internal.MeshValidation;

/**
 * Which inbox page to list: page size ({@code max_results}, 10 to 5000; MESH's default is 500),
 * an optional {@code workflow_filter}, and the continuation token of a previous page.
 *
 * <p>Workflow filter syntax (MESH API spec): {@code WF} equals, {@code !WF} not equal,
 * {@code WF*} begins with, {@code !WF*} does not begin with, {@code *WF*} contains,
 * {@code !*WF*} does not contain.
 */
public final class MeshInboxQuery {
    private static final MeshInboxQuery ALL = new MeshInboxQuery(null, null, null);

    private final Integer maxResults;
    private final String workflowFilter;
    private final String continueFrom;

    private MeshInboxQuery(Integer maxResults, String workflowFilter, String continueFrom) {
        this.maxResults = maxResults;
        this.workflowFilter = workflowFilter;
        this.continueFrom = continueFrom;
    }

    /**
     * The first page of every message, in MESH's default page size.
     *
     * @return the query
     */
    public static MeshInboxQuery all() {
        return ALL;
    }

    /**
     * Starts a query.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The page size.
     *
     * @return {@code max_results}, if set
     */
    public OptionalInt maxResults() {
        return maxResults == null ? OptionalInt.empty() : OptionalInt.of(maxResults);
    }

    /**
     * The workflow filter.
     *
     * @return {@code workflow_filter}, if set
     */
    public Optional<String> workflowFilter() {
        return Optional.ofNullable(workflowFilter);
    }

    /**
     * The continuation token.
     *
     * @return {@code continue_from}, if this asks for a later page
     */
    public Optional<String> continueFrom() {
        return Optional.ofNullable(continueFrom);
    }

    /**
     * The same query, continuing from a token MESH gave.
     *
     * @param token the opaque token
     * @return the query for the next page
     */
    MeshInboxQuery continuingFrom(String token) {
        return new MeshInboxQuery(maxResults, workflowFilter, token);
    }

    @Override
    public String toString() {
        return "MeshInboxQuery[maxResults=" + maxResults + ", workflowFilter=" + workflowFilter
                + (continueFrom == null ? "" : ", continued") + "]";
    }

    /**
     * Builds a {@link MeshInboxQuery}.
     */
    public static final class Builder {
        private Integer maxResults;
        private String workflowFilter;
        private String continueFrom;

        private Builder() {}

        /**
         * Sets the page size.
         *
         * @param value 10 to 5000
         * @return this builder
         * @throws uk.nhs.sdk.core.error.NhsValidationException outside 10 to 5000
         */
        public Builder maxResults(int value) {
            this.maxResults = MeshValidation.maxResults(value);
            return this;
        }

        /**
         * Sets the workflow filter.
         *
         * @param value 2 to 255 visible ASCII characters
         * @return this builder
         * @throws uk.nhs.sdk.core.error.NhsValidationException when malformed
         */
        public Builder workflowFilter(String value) {
            this.workflowFilter = MeshValidation.workflowFilter(value);
            return this;
        }

        /**
         * Continues from the token of a previous page (see {@link MeshInboxPage#nextPage()}).
         *
         * @param value the token (24 to 1000 characters), or {@code null} for the first page
         * @return this builder
         * @throws uk.nhs.sdk.core.error.NhsValidationException when it is not such a token
         */
        public Builder continueFrom(String value) {
            this.continueFrom = MeshValidation.continueFrom(value);
            return this;
        }

        /**
         * Builds the query.
         *
         * @return the query
         */
        public MeshInboxQuery build() {
            return new MeshInboxQuery(maxResults, workflowFilter, continueFrom);
        }
    }
}

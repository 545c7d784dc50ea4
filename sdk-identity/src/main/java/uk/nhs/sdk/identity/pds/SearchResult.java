package uk.nhs.sdk.identity.pds;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of a search: {@link Matches}, {@link TooManyMatches} or {@link NoMatches}.
 *
 * <p>PDS answers "too many matches" with HTTP 200 and an {@code OperationOutcome}
 * ({@code TOO_MANY_MATCHES}) instead of a Bundle; this type makes that an ordinary outcome the
 * caller must handle rather than an error or an empty list.
 *
 * <pre>{@code
 * SearchResult r = pds.search(query);
 * if (r instanceof SearchResult.Matches) {
 *     for (SearchMatch m : r.matches()) { ... }
 * } else if (r instanceof SearchResult.TooManyMatches) {
 *     // ask the user for more details
 * }
 * }</pre>
 */
public sealed interface SearchResult permits SearchResult.Matches, SearchResult.TooManyMatches, SearchResult.NoMatches {

    /**
     * The matches, best first.
     *
     * @return an unmodifiable list; empty unless this is {@link Matches}
     */
    List<SearchMatch> matches();

    /**
     * The {@code X-Request-ID} of the call, for audit and support.
     *
     * @return the request id
     */
    String requestId();

    /**
     * One or more patients matched (up to {@code _max-results}), sorted by score, best first.
     */
    final class Matches implements SearchResult {
        private final List<SearchMatch> matches;
        private final String requestId;

        Matches(List<SearchMatch> matches, String requestId) {
            this.matches = List.copyOf(matches);
            this.requestId = Objects.requireNonNull(requestId, "requestId");
        }

        @Override
        public List<SearchMatch> matches() {
            return matches;
        }

        @Override
        public String requestId() {
            return requestId;
        }

        /**
         * The best match (the first).
         *
         * @return the match with the highest score
         */
        public SearchMatch best() {
            return matches.get(0);
        }

        @Override
        public String toString() {
            return "SearchResult.Matches[count=" + matches.size() + "]";
        }
    }

    /**
     * More patients matched than {@code _max-results} allows ({@code TOO_MANY_MATCHES}): refine
     * the search.
     */
    final class TooManyMatches implements SearchResult {
        private final String requestId;

        TooManyMatches(String requestId) {
            this.requestId = Objects.requireNonNull(requestId, "requestId");
        }

        @Override
        public List<SearchMatch> matches() {
            return List.of();
        }

        @Override
        public String requestId() {
            return requestId;
        }

        @Override
        public String toString() {
            return "SearchResult.TooManyMatches";
        }
    }

    /**
     * No patient matched.
     */
    final class NoMatches implements SearchResult {
        private final String requestId;

        NoMatches(String requestId) {
            this.requestId = Objects.requireNonNull(requestId, "requestId");
        }

        @Override
        public List<SearchMatch> matches() {
            return List.of();
        }

        @Override
        public String requestId() {
            return requestId;
        }

        @Override
        public String toString() {
            return "SearchResult.NoMatches";
        }
    }
}

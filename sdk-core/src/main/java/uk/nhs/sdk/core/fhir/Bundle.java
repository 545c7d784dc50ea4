package uk.nhs.sdk.core.fhir;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import uk.nhs.sdk.core.internal.json.Json;

/**
 * A FHIR {@code Bundle} as NHS search APIs return it: a type, a total, and entries each with a
 * resource and, for search results, a {@code search.score}.
 *
 * <p>Each entry keeps its resource as JSON text; service clients decode it into their own types.
 */
public final class Bundle {
    private final String type;
    private final Integer total;
    private final List<Entry> entry;

    @JsonCreator
    private Bundle(
            @JsonProperty("type") String type,
            @JsonProperty("total") Integer total,
            @JsonProperty("entry") List<Entry> entry) {
        this.type = type;
        this.total = total;
        this.entry = entry == null ? List.of() : List.copyOf(entry);
    }

    /**
     * The bundle type, such as {@code searchset}.
     *
     * @return the type
     */
    public Optional<String> type() {
        return Optional.ofNullable(type);
    }

    /**
     * The total number of matches the server reported.
     *
     * @return the total
     */
    public Optional<Integer> total() {
        return Optional.ofNullable(total);
    }

    /**
     * The entries.
     *
     * @return an unmodifiable list, possibly empty
     */
    public List<Entry> entries() {
        return entry;
    }

    @Override
    public String toString() {
        return "Bundle[type=" + type + ", total=" + total + ", entries=" + entry.size() + "]";
    }

    /**
     * One entry of a bundle.
     */
    public static final class Entry {
        private final String fullUrl;
        private final JsonNode resource;
        private final Search search;

        @JsonCreator
        private Entry(
                @JsonProperty("fullUrl") String fullUrl,
                @JsonProperty("resource") JsonNode resource,
                @JsonProperty("search") Search search) {
            this.fullUrl = fullUrl;
            this.resource = resource;
            this.search = search;
        }

        /**
         * The entry's full URL.
         *
         * @return the URL
         */
        public Optional<String> fullUrl() {
            return Optional.ofNullable(fullUrl);
        }

        /**
         * The resource type of the entry's resource.
         *
         * @return the type, such as {@code Patient}
         */
        public Optional<String> resourceType() {
            return Optional.ofNullable(resource).map(r -> r.path("resourceType").asText(null));
        }

        /**
         * The entry's resource as JSON text.
         *
         * @return the JSON, if the entry has a resource
         */
        public Optional<String> resourceJson() {
            return Optional.ofNullable(resource).map(Json::write);
        }

        /**
         * The search score (0 to 1) the server gave this match.
         *
         * @return the score, for search results that carry one
         */
        public Optional<Double> searchScore() {
            return Optional.ofNullable(search).map(s -> s.score);
        }

        /**
         * The search mode, such as {@code match}.
         *
         * @return the mode
         */
        public Optional<String> searchMode() {
            return Optional.ofNullable(search).map(s -> s.mode);
        }

        @Override
        public String toString() {
            return "Entry[resourceType=" + resourceType().orElse(null) + ", score="
                    + searchScore().orElse(null) + "]";
        }
    }

    static final class Search {
        private final String mode;
        private final Double score;

        @JsonCreator
        Search(@JsonProperty("mode") String mode, @JsonProperty("score") Double score) {
            this.mode = mode;
            this.score = score;
        }
    }
}

package uk.nhs.sdk.messaging.mesh;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one drain of the inbox did: the messages handled and acknowledged, and the messages left
 * in the inbox because receiving, the handler, or the acknowledgement failed.
 */
public final class MeshPollResult {
    private final List<String> acknowledged;
    private final Map<String, Exception> failures;

    MeshPollResult(List<String> acknowledged, Map<String, Exception> failures) {
        this.acknowledged = List.copyOf(acknowledged);
        this.failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
    }

    /**
     * The ids of messages handled and acknowledged, in order.
     *
     * @return an unmodifiable list
     */
    public List<String> acknowledged() {
        return acknowledged;
    }

    /**
     * The messages left in the inbox, by id, with what went wrong.
     *
     * @return an unmodifiable map, in order
     */
    public Map<String, Exception> failures() {
        return failures;
    }

    @Override
    public String toString() {
        return "MeshPollResult[acknowledged=" + acknowledged.size() + ", failed=" + failures.size() + "]";
    }
}

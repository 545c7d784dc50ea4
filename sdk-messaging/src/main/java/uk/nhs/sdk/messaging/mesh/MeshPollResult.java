package uk.nhs.sdk.messaging.mesh;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one drain of the inbox did: the messages handled and acknowledged, the messages left in
 * the inbox because receiving, the handler, or the acknowledgement failed (or the handler did not
 * read the content, {@link MeshMessageNotReadException}), and the messages given to the poller's
 * {@link MeshDeadLetterHandler}.
 */
public final class MeshPollResult {
    private final List<String> acknowledged;
    private final Map<String, Exception> failures;
    private final List<String> deadLettered;

    MeshPollResult(List<String> acknowledged, Map<String, Exception> failures, List<String> deadLettered) {
        this.acknowledged = List.copyOf(acknowledged);
        this.failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
        this.deadLettered = List.copyOf(deadLettered);
    }

    /**
     * The ids of messages acknowledged, in order (including dead-lettered messages whose
     * dead-letter handler chose {@link MeshDeadLetterAction#ACKNOWLEDGE}).
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

    /**
     * The ids of messages given to the dead-letter handler in this drain, in order (always empty
     * for {@link MeshClient#receiveAll(MeshMessageHandler)}).
     *
     * @return an unmodifiable list
     */
    public List<String> deadLettered() {
        return deadLettered;
    }

    @Override
    public String toString() {
        return "MeshPollResult[acknowledged=" + acknowledged.size() + ", failed=" + failures.size() + ", deadLettered="
                + deadLettered.size() + "]";
    }
}

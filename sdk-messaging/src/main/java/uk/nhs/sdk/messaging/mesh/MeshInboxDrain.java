package uk.nhs.sdk.messaging.mesh;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import uk.nhs.sdk.core.error.NhsSdkException;

/**
 * Drains the inbox once: every page, each message received, handed to the handler and
 * acknowledged only when the handler returned normally and the message was handled
 * ({@link MeshMessage#handled()}: content read to its end, or accepted). Used once by
 * {@link MeshClient#receiveAll} and held across polls by {@link MeshInboxPoller}, which is where
 * its memory matters: how often each message's handler failed, and which messages were
 * dead-lettered and left in the inbox (not downloaded again). That memory lasts as long as this
 * object and covers only messages still listed; a new poller starts counting again.
 *
 * <p>Not thread-safe: the poller calls it under its own lock.
 */
final class MeshInboxDrain {
    /** No dead-lettering: the handler is offered a message on every drain. */
    static final int UNLIMITED = Integer.MAX_VALUE;

    private final MeshClient client;
    private final MeshMessageHandler handler;
    private final int maxAttempts;
    private final MeshDeadLetterHandler deadLetter;
    private final Map<String, Integer> failedAttempts = new HashMap<>();
    private final Map<String, Exception> lastFailure = new HashMap<>();
    private final Set<String> leftInInbox = new HashSet<>();

    MeshInboxDrain(MeshClient client, MeshMessageHandler handler, int maxAttempts, MeshDeadLetterHandler deadLetter) {
        this.client = Objects.requireNonNull(client, "client");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.maxAttempts = maxAttempts;
        this.deadLetter = Objects.requireNonNull(deadLetter, "deadLetter");
    }

    /**
     * Drains once; listing failures are thrown, single-message failures are in the result. Stops
     * before the next message once the thread is interrupted.
     */
    MeshPollResult drain(MeshInboxQuery query) {
        return drain(query, () -> true);
    }

    /**
     * Drains once, asking {@code mayContinue} before each message is downloaded; when it answers
     * {@code false} (the poll lock was lost) the drain stops and leaves the rest in the inbox.
     */
    MeshPollResult drain(MeshInboxQuery query, BooleanSupplier mayContinue) {
        Objects.requireNonNull(query, "query");
        Result result = new Result();
        Set<String> seen = new HashSet<>();
        boolean complete = true;
        for (String id : client.inboxMessageIds(query)) {
            if (Thread.currentThread().isInterrupted()) {
                // told to stop (an executor's shutdownNow, a handler that was interrupted): no more
                // messages are downloaded or handed over; the interrupt stays set for the caller
                complete = false;
                break;
            }
            if (!seen.add(id) || leftInInbox.contains(id)) {
                continue;
            }
            if (!mayContinue.getAsBoolean()) {
                complete = false;
                break;
            }
            if (!one(id, result)) {
                complete = false;
                break;
            }
        }
        if (complete) {
            // messages no longer listed were acknowledged elsewhere or expired: forget them
            failedAttempts.keySet().retainAll(seen);
            lastFailure.keySet().retainAll(seen);
            leftInInbox.retainAll(seen);
        }
        return new MeshPollResult(result.acknowledged, result.failures, result.deadLettered);
    }

    /** Handles one message; {@code false} when the thread was interrupted and the drain must stop. */
    private boolean one(String id, Result result) {
        MeshMessage m;
        try {
            m = client.receive(id);
        } catch (RuntimeException e) {
            result.failures.put(id, e);
            return true;
        }
        int failed = failedAttempts.getOrDefault(id, 0);
        boolean dead = failed >= maxAttempts;
        try (m) {
            if (dead) {
                result.deadLettered.add(id);
                MeshDeadLetterAction action = deadLetter.deadLetter(m, failed, lastFailure.get(id));
                if (action != MeshDeadLetterAction.ACKNOWLEDGE) {
                    leftInInbox.add(id);
                    forget(id);
                    return true;
                }
            } else {
                handler.handle(m);
                if (!m.handled()) {
                    throw new MeshMessageNotReadException();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.failures.put(id, e);
            return false;
        } catch (Exception e) {
            result.failures.put(id, e);
            if (!dead) {
                failedAttempts.put(id, failed + 1);
                lastFailure.put(id, e);
            }
            return true;
        }
        try {
            client.acknowledge(id);
            result.acknowledged.add(id);
            forget(id);
        } catch (NhsSdkException e) {
            result.failures.put(id, e);
        }
        return true;
    }

    private void forget(String id) {
        failedAttempts.remove(id);
        lastFailure.remove(id);
    }

    /** What one drain did. */
    private static final class Result {
        final List<String> acknowledged = new ArrayList<>();
        final Map<String, Exception> failures = new LinkedHashMap<>();
        final List<String> deadLettered = new ArrayList<>();
    }
}

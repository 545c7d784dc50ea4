package uk.nhs.sdk.reliability.faults;

import java.util.List;
import java.util.regex.Pattern;
import uk.nhs.sdk.core.http.Idempotency;

/**
 * One row of the matrix: a client operation, the request of it that the fault hits (method and
 * path) and how it is retried, and the action that prepares state, arms the cell and calls it.
 *
 * @param family the service family, one table each
 * @param name the operation, as the table names it
 * @param method the faulted request's method
 * @param path a pattern of the faulted request's path, matching the sandbox's whole path and the
 *     client's path below its base URL alike (so it starts with {@code .*})
 * @param idempotency the faulted request's idempotency, as the SDK declares it
 * @param notApplied statuses the service documents as "not applied", after which even a write
 *     that is not idempotent may be sent again (MESH's 429 and 503 to {@code POST /outbox})
 * @param action prepares, arms and runs
 */
record MatrixRow(
        String family,
        String name,
        String method,
        String path,
        Idempotency idempotency,
        List<Integer> notApplied,
        Action action) {

    MatrixRow(String family, String name, String method, String path, Idempotency idempotency, Action action) {
        this(family, name, method, path, idempotency, List.of(), action);
    }

    /** What a cell does: prepare state, {@link Cell#arm()}, call the operation once. */
    @FunctionalInterface
    interface Action {
        void run(Cell cell) throws Exception;
    }

    String faultPath() {
        return path;
    }

    Pattern countedPath() {
        return Pattern.compile(path);
    }
}

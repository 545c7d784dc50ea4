package uk.nhs.sdk.reliability.load;

import java.util.Map;
import java.util.TreeMap;

/**
 * The JVM's live threads that belong to the clients under test: every thread except the
 * sandbox's server (its request threads grow with the load and idle out on the server's own
 * schedule; they are the fake's, not the SDK's). Threads of OkHttp's process-wide task runner
 * (named {@code OkHttp TaskRunner}, or after the task they run, such as
 * {@code OkHttp ConnectionPool ...}) are counted apart: that runner is shared by every OkHttp
 * client in the JVM, and ends a thread once it has been idle for 60 seconds.
 */
final class ThreadCensus {
    private ThreadCensus() {}

    /** The live threads outside the sandbox's server, counted by name with digits dropped. */
    static Map<String, Integer> clientSide() {
        Map<String, Integer> byName = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && !isServer(t.getName())) {
                byName.merge(t.getName().replaceAll("[0-9]+", "#"), 1, Integer::sum);
            }
        }
        return byName;
    }

    /** The threads of a census that are not OkHttp's shared task runner's. */
    static int owned(Map<String, Integer> census) {
        return census.entrySet().stream()
                .filter(e -> !isTaskRunner(e.getKey()))
                .mapToInt(Map.Entry::getValue)
                .sum();
    }

    /** The threads of a census that are OkHttp's shared task runner's. */
    static int taskRunner(Map<String, Integer> census) {
        return census.entrySet().stream()
                .filter(e -> isTaskRunner(e.getKey()))
                .mapToInt(Map.Entry::getValue)
                .sum();
    }

    private static boolean isTaskRunner(String name) {
        return name.startsWith("OkHttp ") && !name.startsWith("OkHttp Dispatcher");
    }

    private static boolean isServer(String name) {
        return name.startsWith("qtp")
                || name.contains("Jetty")
                || name.contains("jetty")
                || name.startsWith("WireMock")
                || name.startsWith("Scheduler-")
                || name.startsWith("Connector-Scheduler");
    }
}

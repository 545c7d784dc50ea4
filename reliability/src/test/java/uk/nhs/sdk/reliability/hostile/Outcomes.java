package uk.nhs.sdk.reliability.hostile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import uk.nhs.sdk.core.testing.CapturingAppender;
import uk.nhs.sdk.core.testing.LogGuard;
import uk.nhs.sdk.reliability.PrivacyAudit;
import uk.nhs.sdk.reliability.ReliabilityReport;
import uk.nhs.sdk.reliability.SuiteFigures;

/**
 * Runs one hostile case against one entry point and counts what happened, for the document's
 * "hostile-input" table: how many cases ran, how many were accepted, which documented exceptions
 * rejected the rest, and how many other throwables escaped (any escape fails the property at once).
 *
 * <p>For every rejection it checks that no message (of the exception, its causes and suppressed
 * exceptions) and no log line written during the case echoes the input or any of its parts, and
 * passes the exception to {@link PrivacyAudit#check}.
 */
final class Outcomes {
    /** The test classes of the suite; the table is published when all of them have finished. */
    static final Set<String> SUITE = Set.of(
            "CoreValuesHostileTest",
            "PdsHostileTest",
            "OidcHostileTest",
            "MeshHostileTest",
            "NotifyHostileTest",
            "RecordsHostileTest");
    /**
     * Plain words (a few, with their punctuation) or a short number may appear in a message for
     * their own reasons ("expected sandbox, int or prod").
     */
    private static final Pattern COMMON = Pattern.compile("[A-Za-z][A-Za-z ]{0,15}|[0-9]{1,5}|");

    private static final Map<String, Row> ROWS = new ConcurrentHashMap<>();
    /**
     * The valid values the generators start from (see {@link #know}): a candidate found inside
     * one of them is the rule's own vocabulary ("such as 2022-12-20T09:45:41+00:00"), not an echo.
     */
    private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();

    /** CPU time of the thread running the properties, at the first and the last class's end. */
    private static final long CPU_START = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();

    static {
        // every generator of the suite registers its valid values before any case runs, whatever
        // the order the classes and properties run in
        for (String name : new TreeSet<>(SUITE)) {
            try {
                Class<?> c = Class.forName(Outcomes.class.getPackageName() + "." + name);
                java.lang.reflect.Constructor<?> constructor = c.getDeclaredConstructor();
                constructor.setAccessible(true);
                Object instance = constructor.newInstance();
                for (java.lang.reflect.Method m : c.getDeclaredMethods()) {
                    if (m.isAnnotationPresent(net.jqwik.api.Provide.class) && m.getParameterCount() == 0) {
                        m.setAccessible(true);
                        m.invoke(instance);
                    }
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static final Set<String> FINISHED = ConcurrentHashMap.newKeySet();

    private Outcomes() {}

    /** What one case fed to an entry point, and which of its parts must never be echoed. */
    record Input(String text, List<String> parts, boolean mustBeAccepted) {
        static Input of(String text) {
            return new Input(text, List.of(), false);
        }

        static Input valid(String text) {
            return new Input(text, List.of(), true);
        }

        Input mustBeAccepted(boolean value) {
            return new Input(text, parts, value);
        }

        List<String> echoCandidates() {
            List<String> out = new ArrayList<>();
            add(out, text);
            for (String p : parts) {
                add(out, p);
            }
            return out;
        }

        private static void add(List<String> out, String value) {
            if (value == null || value.strip().length() < 4) {
                return;
            }
            int from = 0;
            int to = value.length();
            while (from < to && isEdge(value.charAt(from))) {
                from++;
            }
            while (to > from && isEdge(value.charAt(to - 1))) {
                to--;
            }
            String core = value.substring(from, to);
            if (to - from <= 20 && COMMON.matcher(core).matches()) {
                return;
            }
            for (String k : KNOWN) {
                if (k.contains(core)) {
                    return;
                }
            }
            out.add(value.strip());
        }

        private static boolean isEdge(char c) {
            return Character.isWhitespace(c) || (c < 128 && !Character.isLetterOrDigit(c));
        }
    }

    /**
     * Registers valid values a generator starts from; those under 64 characters are the
     * vocabulary a message or {@code toString()} may use (a key or token is never registered, so
     * its parts are always checked).
     *
     * @param valid the values
     */
    static void know(List<String> valid) {
        for (String v : valid) {
            if (v.length() < 64) {
                KNOWN.add(v);
            }
        }
    }

    /**
     * Calls an entry point with one case.
     *
     * @param entryPoint the row of the table (module and entry point)
     * @param input the case
     * @param documented the exception types the entry point documents
     * @param call the call
     * @return the result when accepted, else {@code null}
     */
    static <T> T attempt(String entryPoint, Input input, Callable<T> call, Class<?>... documented) {
        Row row = ROWS.computeIfAbsent(entryPoint, k -> new Row());
        T result = null;
        Throwable failure = null;
        try {
            result = call.call();
        } catch (Throwable t) {
            failure = t;
        }
        List<String> candidates = input.echoCandidates();
        for (String line : CapturingAppender.lines()) {
            for (String c : candidates) {
                if (line.contains(c)) {
                    throw new AssertionError(entryPoint + ": a log line echoes the input: " + line);
                }
            }
        }
        List<String> violations = LogGuard.checkCaptured();
        if (!violations.isEmpty()) {
            throw new AssertionError(entryPoint + ": " + violations);
        }
        if (failure == null) {
            row.accepted(1);
            return result;
        }
        if (!isDocumented(failure, documented)) {
            row.escape();
            throw new AssertionError(
                    entryPoint + " let an undocumented " + failure.getClass().getName() + " escape (documented: "
                            + names(documented) + ")",
                    failure);
        }
        if (input.mustBeAccepted()) {
            throw new AssertionError(entryPoint + " rejected a valid input with " + failure, failure);
        }
        for (String text : texts(failure)) {
            for (String c : candidates) {
                if (text.contains(c)) {
                    throw new AssertionError(
                            entryPoint + ": the message of "
                                    + failure.getClass().getSimpleName() + " echoes the input",
                            failure);
                }
            }
        }
        PrivacyAudit.check(failure);
        row.rejected(failure.getClass().getSimpleName());
        return null;
    }

    /**
     * Checks that a text the SDK made from an accepted input (a model's {@code toString()}) does
     * not echo the input, for inputs that may be patient data.
     *
     * @param text the text
     * @param input the input
     * @return the text
     */
    static String notEchoed(String text, Input input) {
        for (String c : input.echoCandidates()) {
            if (text.contains(c)) {
                throw new AssertionError("a toString() echoes its input: " + text);
            }
        }
        return text;
    }

    private static boolean isDocumented(Throwable t, Class<?>[] documented) {
        for (Class<?> c : documented) {
            if (c.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String names(Class<?>[] types) {
        List<String> out = new ArrayList<>();
        for (Class<?> c : types) {
            out.add(c.getSimpleName());
        }
        return String.join(", ", out);
    }

    private static List<String> texts(Throwable thrown) {
        List<String> out = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> todo = new ArrayList<>(List.of(thrown));
        while (!todo.isEmpty()) {
            Throwable t = todo.remove(todo.size() - 1);
            if (t == null || !seen.add(t)) {
                continue;
            }
            if (t.getMessage() != null) {
                out.add(t.getMessage());
            }
            out.add(t.toString());
            todo.add(t.getCause());
            todo.addAll(List.of(t.getSuppressed()));
        }
        return out;
    }

    /**
     * Marks a test class finished; when every class of the suite has, publishes the table.
     *
     * @param testClass the class
     */
    static void finished(Class<?> testClass) {
        FINISHED.add(testClass.getSimpleName());
        try {
            // the rows so far, also when only some classes ran (-Dtest=...)
            Files.createDirectories(Paths.get("target", "reliability"));
            Files.writeString(
                    Paths.get("target", "reliability", "hostile-input-rows.md"),
                    table()
                            + String.format(
                                    "%nCPU time of the properties' thread so far: %.1f s%n",
                                    (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - CPU_START) / 1e9));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (FINISHED.containsAll(SUITE)) {
            ReliabilityReport.table("hostile-input", table());
        }
        SuiteFigures.publish();
    }

    /**
     * The rows recorded so far as a Markdown table, sorted by entry point.
     *
     * @return the table
     */
    static String table() {
        StringBuilder sb = new StringBuilder();
        long cases = 0;
        sb.append("| entry point | cases | accepted | rejected (documented exception: count) | escapes |\n");
        sb.append("|---|---:|---:|---|---:|\n");
        for (Map.Entry<String, Row> e : new TreeMap<>(ROWS).entrySet()) {
            Row r = e.getValue();
            cases += r.cases();
            List<String> rejected = new ArrayList<>();
            synchronized (r) {
                r.rejected.forEach((k, v) -> rejected.add(k + ": " + String.format("%,d", v)));
            }
            sb.append(String.format(
                    "| %s | %,d | %,d | %s | %d |%n",
                    e.getKey(),
                    r.cases(),
                    r.accepted,
                    rejected.isEmpty() ? "—" : String.join("; ", rejected),
                    r.escapes));
        }
        sb.append(String.format("%n%d entry points, %,d cases, no escape.%n", ROWS.size(), cases));
        return sb.toString();
    }

    /** The names of the entry points recorded so far. */
    static Set<String> entryPoints() {
        return new TreeSet<>(ROWS.keySet());
    }

    private static final class Row {
        private long accepted;
        private long escapes;
        private final Map<String, Long> rejected = new TreeMap<>();

        synchronized void accepted(long n) {
            accepted += n;
        }

        synchronized void rejected(String type) {
            rejected.merge(type, 1L, Long::sum);
        }

        synchronized void escape() {
            escapes++;
        }

        synchronized long cases() {
            long n = accepted + escapes;
            for (long v : rejected.values()) {
                n += v;
            }
            return n;
        }
    }
}

package uk.nhs.sdk.reliability;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import uk.nhs.sdk.core.testing.LogGuard;

/**
 * Checks exception messages for patient data and secrets, as {@link LogGuard} checks log lines,
 * and counts what it checked for the document's privacy section.
 *
 * <p>Every test of the suite that catches an exception from the SDK passes it to {@link #check}:
 * the message and {@code toString()} of the exception, its causes and its suppressed exceptions
 * must hold no valid NHS number, bearer token, PEM block or value registered with
 * {@link #forbid} (patient names, passwords, keys, tokens, the hostile input itself).
 */
public final class PrivacyAudit {
    private static final LongAdder MESSAGES = new LongAdder();

    private PrivacyAudit() {}

    /**
     * Registers a value that must appear in no log line and no exception message.
     *
     * @param value the value; shorter than 4 characters is ignored
     */
    public static void forbid(String value) {
        LogGuard.forbid(value);
    }

    /**
     * Checks an exception, its causes and its suppressed exceptions.
     *
     * @param thrown the exception
     * @throws AssertionError naming what was found
     */
    public static void check(Throwable thrown) {
        List<String> found = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        walk(thrown, seen, found);
        if (!found.isEmpty()) {
            throw new AssertionError("sensitive data in an exception:\n" + String.join("\n", found), thrown);
        }
    }

    private static void walk(Throwable t, Set<Throwable> seen, List<String> found) {
        if (t == null || !seen.add(t)) {
            return;
        }
        MESSAGES.increment();
        if (t.getMessage() != null) {
            found.addAll(LogGuard.violationsIn(t.getMessage()));
        }
        found.addAll(LogGuard.violationsIn(t.toString()));
        walk(t.getCause(), seen, found);
        for (Throwable s : t.getSuppressed()) {
            walk(s, seen, found);
        }
    }

    /**
     * Checks a piece of text the SDK produced for people to read (a {@code toString()}, a
     * description), counting it with the exception messages.
     *
     * @param text the text
     * @throws AssertionError naming what was found
     */
    public static void checkText(String text) {
        MESSAGES.increment();
        List<String> found = LogGuard.violationsIn(text);
        if (!found.isEmpty()) {
            throw new AssertionError("sensitive data in text:\n" + String.join("\n", found));
        }
    }

    /**
     * How many exception messages and texts were checked in this JVM so far.
     *
     * @return the count
     */
    public static long messagesChecked() {
        return MESSAGES.sum();
    }
}

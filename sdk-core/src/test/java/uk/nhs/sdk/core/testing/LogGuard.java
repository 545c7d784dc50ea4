package uk.nhs.sdk.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import uk.nhs.sdk.core.NhsNumber;

/**
 * Fails any test during which a log line (captured at TRACE by {@link CapturingAppender}) holds
 * a valid NHS number (outside a UUID), a bearer token, a PEM key, or a value registered with
 * {@link #forbid}.
 *
 * <p>Registered for every test of every module through JUnit's extension auto-detection.
 */
public final class LogGuard implements BeforeEachCallback, AfterEachCallback {
    private static final Pattern NHS_NUMBER =
            Pattern.compile("(?<![0-9])([0-9]{3}[ -]?[0-9]{3}[ -]?[0-9]{4})(?![0-9])");
    /**
     * UUIDs (request and correlation ids) are blanked before the NHS number check: a random UUID's
     * last group can hold ten digits that pass Modulus 11 (such as {@code dd3835442473}).
     */
    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static final Pattern BEARER = Pattern.compile("Bearer\\s+[A-Za-z0-9._~+/=-]{6,}");
    private static final Pattern PEM = Pattern.compile("-----BEGIN [A-Z ]*(PRIVATE KEY|CERTIFICATE)-----");
    private static final Set<String> FORBIDDEN = ConcurrentHashMap.newKeySet();
    private static final LongAdder CHECKED = new LongAdder();

    /**
     * Registers a secret or identifier that must never appear in a log line (an API key, a
     * password, a token, a patient's name).
     *
     * @param value the value; values shorter than 4 characters are ignored
     */
    public static void forbid(String value) {
        if (value != null && value.length() >= 4) {
            FORBIDDEN.add(value);
        }
    }

    /**
     * The violations in the lines captured so far.
     *
     * @return one description per offending line, empty when clean
     */
    public static List<String> violations() {
        List<String> out = new ArrayList<>();
        for (String line : CapturingAppender.lines()) {
            out.addAll(violationsIn(line));
        }
        return out;
    }

    /**
     * The violations in one piece of text (a log line, an exception's message or
     * {@code toString()}): each valid NHS number outside a UUID, bearer token, PEM block and
     * value registered with {@link #forbid}.
     *
     * @param text the text
     * @return one description per finding, empty when clean
     */
    public static List<String> violationsIn(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = NHS_NUMBER.matcher(UUID.matcher(text).replaceAll("<uuid>"));
        while (m.find()) {
            if (NhsNumber.isValid(m.group(1))) {
                out.add("NHS number in: " + text);
            }
        }
        if (BEARER.matcher(text).find()) {
            out.add("bearer token in: " + text);
        }
        if (PEM.matcher(text).find()) {
            out.add("PEM block in: " + text);
        }
        for (String f : FORBIDDEN) {
            if (text.contains(f)) {
                out.add("forbidden value in: " + text);
            }
        }
        return out;
    }

    /**
     * Checks the lines captured since the last check, counts them with the lines checked and
     * forgets them: for tests that JUnit Jupiter's callbacks do not reach, such as jqwik
     * properties, which call it after each try.
     *
     * @return one description per offending line, empty when clean
     */
    public static List<String> checkCaptured() {
        List<String> lines = CapturingAppender.lines();
        List<String> v = new ArrayList<>();
        for (String line : lines) {
            v.addAll(violationsIn(line));
        }
        CHECKED.add(lines.size());
        CapturingAppender.clear();
        return v;
    }

    /**
     * How many log lines the guard has checked after tests in this JVM so far.
     *
     * @return the count
     */
    public static long linesChecked() {
        return CHECKED.sum();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        CapturingAppender.clear();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<String> v = checkCaptured();
        if (!v.isEmpty()) {
            throw new AssertionError("sensitive data reached the logs:\n" + String.join("\n", v));
        }
    }
}

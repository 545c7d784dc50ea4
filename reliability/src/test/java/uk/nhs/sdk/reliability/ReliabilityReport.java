package uk.nhs.sdk.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The sections of {@code docs/reliability.md} that the suite generates.
 *
 * <p>The document holds each generated section between two markers,
 * {@code <!-- generated:NAME -->} and {@code <!-- /generated:NAME -->}. A test that produces a
 * section calls {@link #table} (content that is a pure function of the code under test, such as
 * the fault matrix's outcomes: a difference fails the build) or {@link #figures} (measurements of
 * this run, such as durations: written out, never compared). Every section is also written to
 * {@code target/reliability/NAME.md}. With {@code -Dreliability.update=true} the document's
 * section is rewritten in place instead:
 *
 * <pre>
 * mvn -B -ntp -pl reliability -am verify -Dreliability.update=true
 * </pre>
 */
public final class ReliabilityReport {
    private static final Path DOCUMENT =
            Paths.get(System.getProperty("reliability.document", "../docs/reliability.md"));
    private static final boolean UPDATE = Boolean.parseBoolean(System.getProperty("reliability.update", "false"));
    private static final Path OUT = Paths.get("target", "reliability");

    private ReliabilityReport() {}

    /**
     * Publishes a section whose content must match the document's: when it differs (and the run
     * is not an update) an {@link AssertionError} names the section and shows both.
     *
     * @param name the section's name, as in its markers
     * @param markdown the section's content
     */
    public static void table(String name, String markdown) {
        publish(name, markdown, true);
    }

    /**
     * Publishes a section of this run's measurements: written to {@code target/reliability} and,
     * in an update run, into the document; otherwise the document's copy is left as it is (it
     * must have the section's markers).
     *
     * @param name the section's name, as in its markers
     * @param markdown the section's content
     */
    public static void figures(String name, String markdown) {
        publish(name, markdown, false);
    }

    private static synchronized void publish(String name, String markdown, boolean strict) {
        String content = markdown.endsWith("\n") ? markdown : markdown + "\n";
        try {
            Files.createDirectories(OUT);
            Files.writeString(OUT.resolve(name + ".md"), content, StandardCharsets.UTF_8);
            String doc = Files.readString(DOCUMENT, StandardCharsets.UTF_8);
            String open = "<!-- generated:" + name + " -->\n";
            String close = "<!-- /generated:" + name + " -->";
            int start = doc.indexOf(open);
            int end = doc.indexOf(close);
            if (start < 0 || end < start) {
                throw new AssertionError(DOCUMENT + " has no section '" + name + "': add the lines " + open.strip()
                        + " and " + close + " where it belongs, then run with -Dreliability.update=true");
            }
            String current = doc.substring(start + open.length(), end);
            if (current.equals(content)) {
                return;
            }
            if (UPDATE) {
                Files.writeString(
                        DOCUMENT,
                        doc.substring(0, start + open.length()) + content + doc.substring(end),
                        StandardCharsets.UTF_8);
            } else if (strict) {
                throw new AssertionError("docs/reliability.md's section '" + name + "' differs from what the suite"
                        + " produced (target/reliability/" + name + ".md). If the change is intended, regenerate it:"
                        + " mvn -B -ntp -pl reliability -am verify -Dreliability.update=true\n--- document\n"
                        + current + "--- this run\n" + content);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

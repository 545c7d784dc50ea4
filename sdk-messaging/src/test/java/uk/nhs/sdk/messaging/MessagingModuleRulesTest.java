package uk.nhs.sdk.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module's own structural rules, checked on its sources: no main source file over 500 lines
 * (a client that grows becomes a facade over focused parts), and no use of sdk-core's internal
 * packages, which are not API and may change in any release.
 */
class MessagingModuleRulesTest {
    private static final Path MAIN = Path.of("src", "main", "java");

    private static List<Path> mainSources() throws IOException {
        assertThat(MAIN).as("run from the module directory").isDirectory();
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void noMainSourceFileIsOverFiveHundredLines() throws IOException {
        List<Path> sources = mainSources();
        assertThat(sources).isNotEmpty();
        for (Path f : sources) {
            assertThat(Files.readAllLines(f)).as(f.toString()).hasSizeLessThanOrEqualTo(500);
        }
    }

    @Test
    void noMainSourceUsesTheCoresInternals() throws IOException {
        for (Path f : mainSources()) {
            assertThat(Files.readString(f)).as(f.toString()).doesNotContain("uk.nhs.sdk.core.internal");
        }
    }
}

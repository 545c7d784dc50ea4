package uk.nhs.sdk.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The sandbox's data directory housekeeping. */
final class SandboxFiles {
    private SandboxFiles() {}

    /**
     * Deletes a directory and everything under it.
     *
     * @param dir the directory
     * @throws UncheckedIOException when a file cannot be deleted
     */
    static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the sandbox's data directory", e);
        }
    }
}

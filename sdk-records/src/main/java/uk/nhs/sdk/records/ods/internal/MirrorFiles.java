package uk.nhs.sdk.records.ods.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * The mirror's files: one JSON file per organisation under {@code organisations/}, named by its
 * ODS code, and the checkpoint {@code mirror.properties}. Every write goes to a temporary file in
 * the same directory, is forced to disk, and is then moved over the target with
 * {@link StandardCopyOption#ATOMIC_MOVE}, so a reader (or a crash) sees the old file or the new
 * one, never half of one. Temporary files a crash left behind are removed on open.
 */
public final class MirrorFiles {
    private static final String TMP_SUFFIX = ".tmp";
    private static final String STATE = "mirror.properties";

    private final Path directory;
    private final Path organisations;
    private final Consumer<String> beforeChange;

    /**
     * Opens (creating when needed) a mirror directory.
     *
     * @param directory the directory
     * @param beforeChange called with a label before each file is replaced or deleted (a test hook)
     * @throws UncheckedIOException when the directory cannot be made or cleaned
     */
    public MirrorFiles(Path directory, Consumer<String> beforeChange) {
        this.directory = directory;
        this.organisations = directory.resolve("organisations");
        this.beforeChange = beforeChange;
        try {
            Files.createDirectories(organisations);
            for (Path dir : List.of(directory, organisations)) {
                try (DirectoryStream<Path> tmp = Files.newDirectoryStream(dir, "*" + TMP_SUFFIX)) {
                    for (Path p : tmp) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the mirror directory cannot be prepared", e);
        }
    }

    /**
     * The directory.
     *
     * @return the path
     */
    public Path directory() {
        return directory;
    }

    private Path file(String code) {
        return organisations.resolve(code + ".json");
    }

    /**
     * Stores an organisation's JSON, replacing any earlier version atomically.
     *
     * @param code the ODS code (letters and digits)
     * @param json the JSON
     */
    public void writeOrganisation(String code, String json) {
        atomicWrite(file(code), json, "write " + code);
    }

    /**
     * Removes an organisation.
     *
     * @param code the ODS code
     * @return {@code true} when it was there
     */
    public boolean deleteOrganisation(String code) {
        Path f = file(code);
        if (!Files.exists(f)) {
            return false;
        }
        beforeChange.accept("delete " + code);
        try {
            return Files.deleteIfExists(f);
        } catch (IOException e) {
            throw new UncheckedIOException("an organisation file cannot be deleted", e);
        }
    }

    /**
     * Reads an organisation's JSON.
     *
     * @param code the ODS code
     * @return the JSON, when stored
     */
    public Optional<String> readOrganisation(String code) {
        Path f = file(code);
        try {
            return Optional.of(Files.readString(f, StandardCharsets.UTF_8));
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("an organisation file cannot be read", e);
        }
    }

    /**
     * The codes stored, sorted.
     *
     * @return the codes
     */
    public List<String> codes() {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(organisations, "*.json")) {
            for (Path p : files) {
                String n = p.getFileName().toString();
                out.add(n.substring(0, n.length() - ".json".length()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the mirror directory cannot be listed", e);
        }
        out.sort(null);
        return out;
    }

    /**
     * Reads the checkpoint.
     *
     * @return its properties, empty for a new mirror
     */
    public Properties readState() {
        Properties p = new Properties();
        Path f = directory.resolve(STATE);
        if (Files.exists(f)) {
            try {
                p.load(new StringReader(Files.readString(f, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("the mirror checkpoint cannot be read", e);
            }
        }
        return p;
    }

    /**
     * Replaces the checkpoint atomically.
     *
     * @param state the properties
     */
    public void writeState(Properties state) {
        StringWriter w = new StringWriter();
        try {
            state.store(w, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder text = new StringBuilder();
        w.toString().lines().filter(l -> !l.startsWith("#")).sorted().forEach(l -> text.append(l).append('\n'));
        atomicWrite(directory.resolve(STATE), text.toString(), "checkpoint");
    }

    private void atomicWrite(Path target, String text, String label) {
        Path tmp = target.resolveSibling(target.getFileName() + TMP_SUFFIX);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(false);
            }
            beforeChange.accept(label);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new UncheckedIOException("the mirror's file system cannot replace files atomically", e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a mirror file cannot be written", e);
        }
    }
}

package uk.nhs.sdk.records.ods.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The mirror's files: one JSON file per organisation under {@code organisations/}, named by its
 * ODS code, and the checkpoint {@code mirror.properties}. Every write goes to a temporary file in
 * the same directory and is then moved over the target with {@link StandardCopyOption#ATOMIC_MOVE},
 * so a reader (or a crash) sees the old file or the new one, never half of one. Temporary files a
 * crash left behind are removed on open.
 *
 * <p>Organisation writes are staged ({@link #writeOrganisation}) and made durable together by
 * {@link #commit()}: the staged files are forced to disk in parallel (the file system then groups
 * the flushes into a few journal commits, where one {@code fsync} per file in turn costs one
 * commit each), moved into place, and the directory is forced, so the moves and deletions survive
 * a power loss. The caller writes the checkpoint only after {@code commit()} returns; the
 * checkpoint itself is forced before its move and its directory after it.
 */
public final class MirrorFiles {
    private static final String TMP_SUFFIX = ".tmp";
    private static final String STATE = "mirror.properties";
    private static final int FORCE_THREADS = 16;

    private final Path directory;
    private final Path organisations;
    private final Consumer<String> beforeChange;
    private final Map<String, Path> staged = new LinkedHashMap<>();
    private boolean directoryChanged;

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
     * Stages an organisation's JSON in a temporary file; {@link #commit()} moves it into place.
     * Staging the same code twice keeps the later JSON.
     *
     * @param code the ODS code (letters and digits)
     * @param json the JSON
     */
    public void writeOrganisation(String code, String json) {
        Path target = file(code);
        Path tmp = tmp(target);
        try {
            write(tmp, json, false);
        } catch (IOException e) {
            throw new UncheckedIOException("a mirror file cannot be written", e);
        }
        staged.put(code, tmp);
    }

    /**
     * Makes every staged write and every deletion since the last commit durable: forces the
     * staged files (in parallel), moves each over its target atomically, then forces the
     * directory.
     *
     * @throws UncheckedIOException when a file cannot be forced or moved
     */
    public void commit() {
        if (staged.isEmpty() && !directoryChanged) {
            return;
        }
        forceAll(List.copyOf(staged.values()));
        for (Map.Entry<String, Path> e : staged.entrySet()) {
            beforeChange.accept("write " + e.getKey());
            move(e.getValue(), file(e.getKey()));
            directoryChanged = true;
        }
        staged.clear();
        if (directoryChanged) {
            forceDirectory(organisations);
            directoryChanged = false;
        }
    }

    private static void forceAll(List<Path> paths) {
        if (paths.isEmpty()) {
            return;
        }
        int threads = Math.min(FORCE_THREADS, paths.size());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ods-mirror-fsync");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> done = new ArrayList<>(paths.size());
            for (Path p : paths) {
                done.add(pool.submit(() -> {
                    force(p);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("interrupted while forcing mirror files"));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof UncheckedIOException u
                    ? u
                    : new UncheckedIOException(
                            "a mirror file cannot be forced to disk",
                            cause instanceof IOException io ? io : new IOException(cause));
        } finally {
            pool.shutdownNow();
        }
    }

    private static void force(Path p) {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            ch.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("a mirror file cannot be forced to disk", e);
        }
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some platforms (Windows) cannot open a directory; the move is then as durable as the OS makes it.
            if (!System.getProperty("os.name", "").startsWith("Windows")) {
                throw new UncheckedIOException("the mirror directory cannot be forced to disk", e);
            }
        }
    }

    private static Path tmp(Path target) {
        return target.resolveSibling(target.getFileName() + TMP_SUFFIX);
    }

    /**
     * Removes an organisation.
     *
     * @param code the ODS code
     * @return {@code true} when it was there
     */
    public boolean deleteOrganisation(String code) {
        Path staging = staged.remove(code);
        Path f = file(code);
        try {
            if (staging != null) {
                Files.deleteIfExists(staging);
            }
            if (!Files.exists(f)) {
                return false;
            }
            beforeChange.accept("delete " + code);
            directoryChanged = true;
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
                Path name = p.getFileName(); // never null for a directory's entry
                if (name == null) {
                    continue;
                }
                String n = name.toString();
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
        w.toString()
                .lines()
                .filter(l -> !l.startsWith("#"))
                .sorted()
                .forEach(l -> text.append(l).append('\n'));
        atomicWrite(directory.resolve(STATE), text.toString(), "checkpoint");
    }

    private void atomicWrite(Path target, String text, String label) {
        Path tmp = tmp(target);
        try {
            write(tmp, text, true);
        } catch (IOException e) {
            throw new UncheckedIOException("a mirror file cannot be written", e);
        }
        beforeChange.accept(label);
        move(tmp, target);
        Path directory = target.getParent(); // a mirror file is always in a directory of the mirror
        if (directory != null) {
            forceDirectory(directory);
        }
    }

    private static void write(Path file, String text, boolean force) throws IOException {
        try (FileChannel ch = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            if (force) {
                ch.force(false);
            }
        }
    }

    private static void move(Path tmp, Path target) {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new UncheckedIOException("the mirror's file system cannot replace files atomically", e);
        } catch (IOException e) {
            throw new UncheckedIOException("a mirror file cannot be moved into place", e);
        }
    }
}

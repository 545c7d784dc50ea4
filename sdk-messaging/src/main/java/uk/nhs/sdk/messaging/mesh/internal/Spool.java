package uk.nhs.sdk.messaging.mesh.internal;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Executor;
import uk.nhs.sdk.core.http.NhsRequestBody;

/**
 * One temporary file (owner read/write only) that holds one chunk at a time, raw or gzipped, so
 * the chunk can be uploaded with a known {@code Content-Length} and replayed on a retry without
 * holding it in memory. Filling it again overwrites the previous chunk. Closing deletes it, and a
 * fill after that fails (a fill running on another thread then leaves no file behind).
 */
final class Spool implements Closeable {
    /** The copy buffer: the only heap the spool needs besides the deflater's state. */
    static final int BUFFER = 64 * 1024;

    private final Path directory;
    private volatile Path file;
    private boolean closed;

    Spool(Path directory) {
        this.directory = directory;
    }

    /**
     * Writes exactly {@code rawLength} bytes of {@code raw} into the spool file, gzipped when asked
     * (the deflate blocks compressed on {@code deflaters}, see {@link ParallelGzip}).
     *
     * @return the spool file's size
     */
    long fill(
            InputStream raw,
            long rawLength,
            boolean gzip,
            Executor deflaters,
            int parallelism,
            ParallelGzip.Blocks blocks)
            throws IOException {
        Path f;
        synchronized (this) {
            if (closed) {
                throw new InterruptedIOException("the chunk source was closed");
            }
            if (file == null) {
                file = createTempFile(directory, "mesh-chunk-");
            }
            f = file;
        }
        try (OutputStream out =
                Files.newOutputStream(f, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            if (gzip) {
                ParallelGzip.compress(raw, rawLength, out, deflaters, parallelism, blocks);
            } else {
                copyExactly(raw, out, rawLength);
            }
        }
        return Files.size(f);
    }

    /**
     * A replayable body reading the spool file as the last {@link #fill} left it.
     *
     * @return the body
     */
    NhsRequestBody body(long size, String contentType) {
        Path f = file;
        return NhsRequestBody.ofStream(() -> Files.newInputStream(f), size, contentType, true);
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        if (file != null) {
            Files.deleteIfExists(file);
            file = null;
        }
    }

    /**
     * Copies a whole stream of unknown length into a new temporary file.
     *
     * @return the file; the caller deletes it
     */
    static Path spoolWhole(InputStream in, Path directory) throws IOException {
        Path f = createTempFile(directory, "mesh-message-");
        try (OutputStream out = Files.newOutputStream(f, StandardOpenOption.WRITE)) {
            byte[] buf = new byte[BUFFER];
            int n;
            while ((n = in.read(buf)) != -1) {
                out.write(buf, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(f);
            throw e;
        }
        return f;
    }

    static void copyExactly(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buf = new byte[(int) Math.min(BUFFER, Math.max(1, length))];
        long left = length;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n == -1) {
                throw new EOFException("the content ended before its declared length");
            }
            out.write(buf, 0, n);
            left -= n;
        }
    }

    /**
     * An owner-only temporary file (where the file system has POSIX permissions).
     *
     * @param directory the directory, or {@code null} for {@code java.io.tmpdir}
     * @param prefix the file name's prefix
     * @return the new, empty file
     * @throws IOException when it cannot be created
     */
    static Path createTempFile(Path directory, String prefix) throws IOException {
        Path dir = directory != null ? directory : Path.of(System.getProperty("java.io.tmpdir"));
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            FileAttribute<?> ownerOnly =
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
            return Files.createTempFile(dir, prefix, ".tmp", ownerOnly);
        }
        return Files.createTempFile(dir, prefix, ".tmp");
    }
}

package uk.nhs.sdk.messaging.mesh.internal;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.zip.GZIPOutputStream;
import uk.nhs.sdk.core.http.NhsRequestBody;

/**
 * One temporary file (owner read/write only) that holds one chunk at a time, raw or gzipped, so
 * the chunk can be uploaded with a known {@code Content-Length} and replayed on a retry without
 * holding it in memory. Filling it again overwrites the previous chunk. Closing deletes it.
 */
final class Spool implements Closeable {
    /** The copy buffer: the only heap the spool needs besides the deflater's state. */
    static final int BUFFER = 64 * 1024;

    private final Path directory;
    private Path file;

    Spool(Path directory) {
        this.directory = directory;
    }

    /**
     * Writes exactly {@code rawLength} bytes of {@code raw} into the spool file, gzipped when asked.
     *
     * @return a replayable body reading the spool file
     */
    NhsRequestBody fill(InputStream raw, long rawLength, boolean gzip, String contentType) throws IOException {
        if (file == null) {
            file = createTempFile(directory, "mesh-chunk-");
        }
        try (OutputStream fileOut = Files.newOutputStream(file, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream out = gzip ? new GZIPOutputStream(fileOut, BUFFER) : fileOut;
            copyExactly(raw, out, rawLength);
            if (gzip) {
                ((GZIPOutputStream) out).finish();
            }
            out.flush();
        }
        Path f = file;
        long size = Files.size(f);
        return NhsRequestBody.ofStream(() -> Files.newInputStream(f), size, contentType, true);
    }

    @Override
    public void close() throws IOException {
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

    private static Path createTempFile(Path directory, String prefix) throws IOException {
        Path dir = directory != null ? directory : Path.of(System.getProperty("java.io.tmpdir"));
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            FileAttribute<?> ownerOnly = PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------"));
            return Files.createTempFile(dir, prefix, ".tmp", ownerOnly);
        }
        return Files.createTempFile(dir, prefix, ".tmp");
    }
}

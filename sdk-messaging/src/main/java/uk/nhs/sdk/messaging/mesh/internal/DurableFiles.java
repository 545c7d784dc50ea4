package uk.nhs.sdk.messaging.mesh.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replacing a file so that a crash leaves either the old file or the whole new one: write a
 * temporary file next to the target, force it to the storage device, move it over the target
 * atomically (where the file system can), then, where the platform allows, force the directory so
 * the move itself survives a power cut.
 */
public final class DurableFiles {
    /** Forces a written file to the storage device. */
    @FunctionalInterface
    public interface Forcer {
        /**
         * Forces the channel's content and metadata to the device.
         *
         * @param channel the open channel of the file just written
         * @throws IOException when the device refuses
         */
        void force(FileChannel channel) throws IOException;
    }

    /** {@link FileChannel#force(boolean)} with metadata. */
    public static final Forcer FSYNC = channel -> channel.force(true);

    private DurableFiles() {}

    /**
     * Moves a finished temporary file over the target: atomically when the file system supports
     * it, else as a plain replace; then forces the directory, best effort (some platforms cannot
     * open a directory).
     *
     * @param tmp the finished, forced file
     * @param target the file to replace
     * @throws IOException when the move fails
     */
    public static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        Path dir = target.toAbsolutePath().getParent();
        if (dir != null) {
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            } catch (IOException | UnsupportedOperationException e) {
                // best effort: Windows cannot open a directory as a channel
            }
        }
    }
}

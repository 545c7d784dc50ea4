package uk.nhs.sdk.reliability.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;

/**
 * Counts this machine's established TCP connections to a local port, from the client's side (the
 * connections a client's pool holds to the sandbox), as the kernel lists them in
 * {@code /proc/net/tcp} and {@code /proc/net/tcp6}. Linux only, as CI is; elsewhere
 * {@link #available()} is false.
 */
final class OpenConnections {
    private static final List<Path> TABLES = List.of(Paths.get("/proc/net/tcp"), Paths.get("/proc/net/tcp6"));
    private static final String ESTABLISHED = "01";

    private OpenConnections() {}

    static boolean available() {
        return Files.isReadable(TABLES.get(0));
    }

    /** Established connections whose remote end is {@code port} on this machine. */
    static int to(int port) {
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        int count = 0;
        for (Path table : TABLES) {
            if (!Files.isReadable(table)) {
                continue;
            }
            try {
                for (String line : Files.readAllLines(table)) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 3 && f[2].endsWith(hexPort) && f[3].equals(ESTABLISHED)) {
                        count++;
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the kernel's connection table", e);
            }
        }
        return count;
    }
}

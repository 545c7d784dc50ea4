package uk.nhs.sdk.core.testing;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Captures every log event (message, arguments and exception text) for {@link LogGuard}.
 * Configured in each module's {@code logback-test.xml} on the root logger at TRACE.
 */
public final class CapturingAppender extends AppenderBase<ILoggingEvent> {
    private static final List<String> LINES = new CopyOnWriteArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
        String logger = event.getLoggerName();
        if (logger.startsWith("wiremock.")
                || logger.startsWith("com.github.tomakehurst")
                || logger.startsWith("org.eclipse.jetty")) {
            return; // the test servers' own logs, not the SDK's
        }
        StringBuilder sb = new StringBuilder(logger)
                .append(' ')
                .append(event.getLevel())
                .append(' ')
                .append(event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            sb.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
        }
        LINES.add(sb.toString());
    }

    /**
     * The lines captured since the last {@link #clear()}.
     *
     * @return a snapshot
     */
    public static List<String> lines() {
        return List.copyOf(LINES);
    }

    /** Forgets the captured lines. */
    public static void clear() {
        LINES.clear();
    }
}

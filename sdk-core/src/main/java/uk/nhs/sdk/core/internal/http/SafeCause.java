package uk.nhs.sdk.core.internal.http;

import java.io.IOException;
import java.net.ProtocolException;

/**
 * An I/O failure made fit to be an exception's cause. OkHttp's {@link ProtocolException} quotes
 * what the server sent when it breaks HTTP ({@code Unexpected status line: <the bytes>},
 * {@code expected chunk size ... but was "<the bytes>"}), and those bytes can be a body with
 * patient data in it; it is replaced by one that says what happened without the quote, keeping
 * the stack trace. Any other I/O failure is returned as it is. Internal.
 */
public final class SafeCause {
    private SafeCause() {}

    /**
     * The failure, or a quote-free stand-in for a protocol error.
     *
     * @param e the failure
     * @return {@code e}, or a {@link ProtocolException} without OkHttp's message
     */
    public static IOException of(IOException e) {
        if (!(e instanceof ProtocolException)) {
            return e;
        }
        ProtocolException safe = new ProtocolException(
                "the response broke HTTP/1.1 framing (OkHttp's message is withheld: it can quote the response)");
        safe.setStackTrace(e.getStackTrace());
        return safe;
    }
}

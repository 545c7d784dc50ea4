package uk.nhs.sdk.core.internal.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import uk.nhs.sdk.core.error.NhsTimeoutException;
import uk.nhs.sdk.core.error.NhsTransportException;

/**
 * A streamed response body that ends at the call's deadline: the OkHttp call timeout is set to
 * the time left, and a read that times out, or starts or fails once the deadline has passed,
 * throws {@link NhsTimeoutException} (unchecked) instead of a bare I/O error; a read ended by the
 * thread's interrupt throws {@link NhsTransportException}, the flag kept. Internal.
 */
final class DeadlineInputStream extends FilterInputStream {
    private final CallState call;

    DeadlineInputStream(InputStream in, CallState call) {
        super(in);
        this.call = call;
    }

    @Override
    public int read() throws IOException {
        check();
        try {
            return super.read();
        } catch (IOException e) {
            throw translate(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        check();
        try {
            return super.read(b, off, len);
        } catch (IOException e) {
            throw translate(e);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        check();
        try {
            return super.skip(n);
        } catch (IOException e) {
            throw translate(e);
        }
    }

    private void check() {
        if (!call.timeLeft()) {
            closeQuietly();
            throw timeout("the call's deadline passed while reading the response body", null);
        }
    }

    private IOException translate(IOException e) {
        if (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
            closeQuietly();
            throw new NhsTransportException(
                    "interrupted while reading the response body",
                    call.details(),
                    false,
                    call.request().reconcileId().orElse(null),
                    e);
        }
        if (e instanceof InterruptedIOException || !call.timeLeft()) {
            closeQuietly();
            // a read timeout is a SocketTimeoutException; the call timeout, set to the deadline, is not
            throw timeout(
                    e instanceof SocketTimeoutException && call.timeLeft()
                            ? "the response body stalled for longer than the attempt timeout"
                            : "the call's deadline passed while reading the response body",
                    e);
        }
        return SafeCause.of(e);
    }

    private NhsTimeoutException timeout(String message, IOException cause) {
        return new NhsTimeoutException(
                message, call.details(), false, call.request().reconcileId().orElse(null), cause);
    }

    private void closeQuietly() {
        try {
            in.close();
        } catch (IOException e) {
            // the connection is discarded either way
        }
    }
}

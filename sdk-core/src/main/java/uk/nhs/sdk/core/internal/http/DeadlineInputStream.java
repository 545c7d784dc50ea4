package uk.nhs.sdk.core.internal.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import uk.nhs.sdk.core.error.NhsTimeoutException;

/**
 * A streamed response body that ends at the call's deadline: the OkHttp call timeout is set to
 * the time left, and a read that fails or starts once the deadline has passed throws
 * {@link NhsTimeoutException} (unchecked) instead of a bare I/O error. Internal.
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
            throw timeout(null);
        }
    }

    private IOException translate(IOException e) {
        if (!call.timeLeft()) {
            closeQuietly();
            throw timeout(e);
        }
        return e;
    }

    private NhsTimeoutException timeout(IOException cause) {
        return new NhsTimeoutException("the call's deadline passed while reading the response body", call.details(),
                false, call.request().reconcileId().orElse(null), cause);
    }

    private void closeQuietly() {
        try {
            in.close();
        } catch (IOException e) {
            // the connection is discarded either way
        }
    }
}

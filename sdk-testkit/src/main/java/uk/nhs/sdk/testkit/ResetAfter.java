package uk.nhs.sdk.testkit;

import com.github.tomakehurst.wiremock.jetty11.Jetty11HttpUtils;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import wiremock.org.eclipse.jetty.server.HttpConnection;
import wiremock.org.eclipse.jetty.server.Response;

/**
 * A body that, once the stream it wraps is exhausted, sends what the server holds of the response
 * (its head and the bytes so far) and resets the connection: a TCP {@code RST}, the way a proxy
 * that drops a connection mid-transfer looks to a client. Read on the server's thread that writes
 * the response, which is the thread that knows the connection.
 */
final class ResetAfter extends InputStream {
    /** Time for the client to read what was sent before the reset discards the rest. */
    private static final long SETTLE_MILLIS = 50;

    private final InputStream in;
    private boolean reset;

    ResetAfter(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        int c = reset ? -1 : in.read();
        if (c < 0) {
            resetConnection();
        }
        return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n = reset ? -1 : in.read(b, off, len);
        if (n < 0) {
            resetConnection();
        }
        return n;
    }

    private void resetConnection() throws IOException {
        if (reset) {
            return;
        }
        reset = true;
        HttpConnection connection = HttpConnection.getCurrentConnection();
        if (connection == null) {
            return; // read away from the server's response, such as for the request journal
        }
        Response response = connection.getHttpChannel().getResponse();
        if (response.getContentLength() < 0) {
            return; // read before the response's head was set (the journal again): not the body being sent
        }
        response.flushBuffer();
        try {
            Thread.sleep(SETTLE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Socket socket = new Jetty11HttpUtils().socket(response);
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

package uk.nhs.sdk.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One HTTP/1.1 request over a plain socket, for request targets the JDK's client refuses to send
 * (such as a raw {@code |} in a query, which FHIR token searches use and many clients send).
 */
final class RawHttp {
    private RawHttp() {}

    /**
     * Sends {@code GET target} with the headers and {@code Connection: close}.
     *
     * @param sandbox the sandbox
     * @param target the request target, sent as is
     * @param headers more headers
     * @return the status code
     * @throws IOException when the exchange fails
     */
    static int get(NhsSandbox sandbox, String target, Map<String, String> headers) throws IOException {
        String head = new String(exchange(sandbox, target, headers, false), StandardCharsets.ISO_8859_1);
        if (!head.startsWith("HTTP/1.1 ")) {
            throw new IOException("not an HTTP/1.1 response");
        }
        return Integer.parseInt(head.substring(9, 12));
    }

    /**
     * Sends {@code GET target} with the headers and reads until the server closes the connection.
     *
     * @param sandbox the sandbox
     * @param target the request target, sent as is
     * @param headers more headers
     * @param keepAlive whether to leave out {@code Connection: close}, so only the server's own
     *     decision ends the connection
     * @return every byte received, head and body
     * @throws IOException when the exchange fails, or the server keeps the connection open for
     *     ten seconds
     */
    static byte[] exchange(NhsSandbox sandbox, String target, Map<String, String> headers, boolean keepAlive)
            throws IOException {
        try (Socket s = new Socket("127.0.0.1", sandbox.baseUrl().getPort())) {
            s.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder(
                    "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (keepAlive ? "" : "Connection: close\r\n"));
            headers.forEach((name, value) ->
                    request.append(name).append(": ").append(value).append("\r\n"));
            OutputStream out = s.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return in.readAllBytes();
        }
    }
}

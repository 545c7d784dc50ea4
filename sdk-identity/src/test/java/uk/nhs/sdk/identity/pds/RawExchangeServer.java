package uk.nhs.sdk.identity.pds;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTP/1.1 server that answers every request with a captured exchange byte for byte:
 * its status line and every header line as captured, repeated headers included (WireMock's Jetty
 * keeps only the last {@code Content-Type}, so it cannot replay the local PDS sandbox's two).
 */
final class RawExchangeServer implements AutoCloseable {
    private final ServerSocket socket;
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private final Thread thread;

    RawExchangeServer(String captured) throws IOException {
        String[] head = PdsTestData.text("captured/" + captured + ".headers.txt")
                .strip()
                .split("\r?\n");
        byte[] body = PdsTestData.text("captured/" + captured + ".body.json").getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder();
        for (String line : head) {
            if (!line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                sb.append(line).append("\r\n");
            }
        }
        sb.append("content-length: ").append(body.length).append("\r\nconnection: close\r\n\r\n");
        byte[] header = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.thread = new Thread(() -> serve(header, body), "raw-exchange-server");
        thread.setDaemon(true);
        thread.start();
    }

    private void serve(byte[] header, byte[] body) {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                String line = in.readLine();
                requestLines.add(line == null ? "" : line);
                while (line != null && !line.isEmpty()) {
                    line = in.readLine();
                }
                OutputStream out = s.getOutputStream();
                out.write(header);
                out.write(body);
                out.flush();
            } catch (IOException e) {
                // closed
            }
        }
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + PdsWireMockTest.BASE);
    }

    List<String> requestLines() {
        return List.copyOf(requestLines);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

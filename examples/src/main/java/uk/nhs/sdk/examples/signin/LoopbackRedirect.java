package uk.nhs.sdk.examples.signin;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import uk.nhs.sdk.examples.UsageException;

/**
 * The redirect URI of a sign-in from the command line: the JDK's HTTP server on 127.0.0.1 at a
 * free port, answering {@code GET /callback} once and keeping the URI the provider redirected to
 * (with {@code code} and {@code state}, or {@code error}). Only a {@code GET} of exactly
 * {@code /callback} counts; any other request is answered 404 and the wait goes on. It listens on
 * 127.0.0.1 itself, the address the redirect URI names, whatever the JVM prefers for "loopback".
 * Close it to stop the server.
 */
final class LoopbackRedirect implements AutoCloseable {
    private static final byte[] PAGE = ("<!doctype html><title>Signed in</title>"
                    + "<p>Signed in. You can close this window and return to the terminal.</p>")
            .getBytes(StandardCharsets.UTF_8);

    private static final InetAddress IPV4_LOOPBACK = ipv4Loopback();

    private final HttpServer server;
    private final CompletableFuture<URI> callback = new CompletableFuture<>();

    private LoopbackRedirect(HttpServer server) {
        this.server = server;
    }

    /**
     * Starts listening on 127.0.0.1 at a free port.
     *
     * @return the listener; close it
     */
    static LoopbackRedirect start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(IPV4_LOOPBACK, 0), 0);
            LoopbackRedirect r = new LoopbackRedirect(server);
            server.createContext("/callback", exchange -> {
                if (!"GET".equals(exchange.getRequestMethod())
                        || !"/callback".equals(exchange.getRequestURI().getRawPath())) {
                    exchange.sendResponseHeaders(404, -1);
                    exchange.close();
                    return;
                }
                r.callback.complete(URI.create(
                        r.redirectUri() + exchange.getRequestURI().toString().substring("/callback".length())));
                exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                exchange.getResponseHeaders().add("Connection", "close");
                exchange.sendResponseHeaders(200, PAGE.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(PAGE);
                }
            });
            server.start();
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on the loopback interface", e);
        }
    }

    /**
     * The redirect URI to register in the authorization request.
     *
     * @return for example {@code http://127.0.0.1:51234/callback}
     */
    URI redirectUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/callback");
    }

    /**
     * Waits for the provider's redirect.
     *
     * @param timeout how long to wait
     * @return the URI redirected to, with its query
     * @throws UsageException when no redirect arrives in time
     */
    URI await(Duration timeout) {
        try {
            return callback.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new UsageException("no sign-in arrived at the redirect URI within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageException("interrupted while waiting for the sign-in");
        } catch (ExecutionException e) {
            throw new IllegalStateException("the redirect listener failed", e.getCause());
        }
    }

    /**
     * The address the server is bound to.
     *
     * @return 127.0.0.1
     */
    InetAddress boundAddress() {
        return server.getAddress().getAddress();
    }

    private static InetAddress ipv4Loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("127.0.0.1 is a valid address", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

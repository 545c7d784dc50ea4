package uk.nhs.sdk.examples.signin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;

/**
 * What a user's browser does with an authorization URL, for unattended sign-ins against the
 * embedded sandbox (whose providers sign their test user in at once): GETs that follow redirects,
 * one connection each, closed after reading, until a page answers without one.
 */
final class Browser {
    private static final int MAX_HOPS = 10;

    private Browser() {}

    /**
     * Visits a URL and follows its redirects.
     *
     * @param start the URL
     * @return the URL of the page that answered without a redirect
     * @throws UncheckedIOException when a hop fails or there are too many
     */
    static URI visit(URI start) {
        URI at = start;
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            HttpURLConnection c = null;
            try {
                c = (HttpURLConnection) at.toURL().openConnection();
                c.setInstanceFollowRedirects(false);
                c.setConnectTimeout(10_000);
                c.setReadTimeout(30_000);
                int status = c.getResponseCode();
                String location = c.getHeaderField("Location");
                drain(c, status);
                if (status / 100 != 3 || location == null) {
                    return at;
                }
                at = at.resolve(location);
            } catch (IOException e) {
                throw new UncheckedIOException("the sign-in page could not be followed", e);
            } finally {
                if (c != null) {
                    c.disconnect();
                }
            }
        }
        throw new UncheckedIOException(new IOException("too many redirects"));
    }

    private static void drain(HttpURLConnection c, int status) throws IOException {
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            if (in != null) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
        }
    }
}

package uk.nhs.sdk.examples.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.examples.UsageException;

/**
 * The loopback redirect listener: on 127.0.0.1 only, and only a {@code GET /callback} ends the
 * wait; a stray request (another path, another method) cannot take the place of the provider's
 * redirect.
 */
class LoopbackRedirectTest {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    @Test
    void listensOn127001AndNamesItInTheRedirectUri() {
        try (LoopbackRedirect r = LoopbackRedirect.start()) {
            assertThat(r.boundAddress().getHostAddress()).isEqualTo("127.0.0.1");
            assertThat(r.redirectUri().getHost()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void onlyAGetOfTheCallbackPathEndsTheWait() throws Exception {
        try (LoopbackRedirect r = LoopbackRedirect.start()) {
            String base = r.redirectUri().toString();
            int other = send(HttpRequest.newBuilder(URI.create(base + "/favicon.ico?code=x&state=y"))
                    .GET());
            int longer = send(HttpRequest.newBuilder(URI.create(base + "x?code=x&state=y"))
                    .GET());
            int post = send(HttpRequest.newBuilder(URI.create(base + "?code=x&state=y"))
                    .POST(HttpRequest.BodyPublishers.noBody()));

            assertThat(other).isEqualTo(404);
            assertThat(longer).isEqualTo(404);
            assertThat(post).isEqualTo(404);
            assertThatThrownBy(() -> r.await(Duration.ofMillis(200)))
                    .isInstanceOf(UsageException.class)
                    .hasMessageContaining("no sign-in arrived");

            int good = send(HttpRequest.newBuilder(URI.create(base + "?code=c1&state=s1"))
                    .GET());
            assertThat(good).isEqualTo(200);
            assertThat(r.await(Duration.ofSeconds(30)).getRawQuery()).isEqualTo("code=c1&state=s1");
        }
    }

    private static int send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}

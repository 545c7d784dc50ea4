package uk.nhs.sdk.messaging.mesh;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import uk.nhs.sdk.core.CircuitBreakerOptions;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.testing.LogGuard;
import uk.nhs.sdk.core.testing.MutableClock;
import uk.nhs.sdk.core.testing.RecordingSleeper;

/**
 * A WireMock MESH: every request must carry {@code Accept: application/vnd.mesh.v2+json} (else
 * 400, as the sandbox answers) and a valid NHSMESH header for mailbox X26ABC1, checked here with
 * an independent implementation of the spec's algorithm (else the captured 403 of exchange 23).
 * Tests add the captured responses they need at normal priority. A stub with
 * {@code .withTransformers(HOOK)} runs {@link #serverHook} after the request arrived and before
 * the answer goes back: the moment MESH has stored a message.
 */
abstract class MeshWireMockTestBase {
    static final String MAILBOX = "X26ABC1";
    static final String PASSWORD = "mailbox-password-under-test";
    static final String SHARED_KEY = "shared-key-under-test";
    static final String ACCEPT_V2 = "application/vnd.mesh.v2+json";
    static final String UUID_RE = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    static final String HOOK = "mesh-test-hook";
    static WireMockServer server;
    static volatile Runnable serverHook = () -> {};
    MutableClock clock;
    RecordingSleeper sleeper;

    @BeforeAll
    static void startServer() {
        server = new WireMockServer(wireMockConfig()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .extensions(new ResponseDefinitionTransformerV2() {
                    @Override
                    public ResponseDefinition transform(ServeEvent serveEvent) {
                        serverHook.run();
                        return serveEvent.getResponseDefinition();
                    }

                    @Override
                    public boolean applyGlobally() {
                        return false;
                    }

                    @Override
                    public String getName() {
                        return HOOK;
                    }
                }));
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @BeforeEach
    void resetServer() {
        LogGuard.forbid(PASSWORD);
        LogGuard.forbid(SHARED_KEY);
        server.resetAll();
        serverHook = () -> {};
        clock = new MutableClock(Instant.parse("2026-11-24T21:38:56Z"));
        sleeper = new RecordingSleeper(clock);
        server.stubFor(any(anyUrl())
                .atPriority(1)
                .andMatching(r -> MatchResult.of(!ACCEPT_V2.equals(r.getHeader("Accept"))))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("content-type", "application/json")
                        .withBody("{\"detail\":[{\"event\":\"\",\"code\":\"\",\"msg\":\"Accept header api format "
                                + "incorrect\"}]}")));
        server.stubFor(any(anyUrl())
                .atPriority(2)
                .andMatching(r -> MatchResult.of(!validAuthorization(r)))
                .willReturn(CapturedExchange.load("23-error-bad-auth-403").response()));
    }

    NhsClientOptions.Builder options() {
        return NhsClientOptions.builder()
                .clock(clock)
                .sleeper(sleeper)
                .circuitBreaker(CircuitBreakerOptions.disabled());
    }

    MeshClient.Builder builder() {
        return MeshClient.builder()
                .baseUrl(URI.create(server.baseUrl()))
                .mailbox("x26abc1")
                .password(Secret.of(PASSWORD))
                .sharedKey(Secret.of(SHARED_KEY))
                .options(options().build());
    }

    MeshClient client() {
        return builder().build();
    }

    /** The spec's check, written independently of the client: fields, mailbox, UTC minute, HMAC. */
    boolean validAuthorization(Request r) {
        String h = r.getHeader("Authorization");
        if (h == null || !h.startsWith("NHSMESH ")) {
            return false;
        }
        String[] f = h.substring("NHSMESH ".length()).split(":", -1);
        if (f.length != 5 || !f[0].equals(MAILBOX) || !f[1].matches(UUID_RE) || !f[2].matches("\\d+")) {
            return false;
        }
        String path = r.getUrl();
        if (path.startsWith("/messageexchange/")
                && !path.startsWith("/messageexchange/endpointlookup/")
                && !path.startsWith("/messageexchange/workflowsearch/")
                && !path.startsWith("/messageexchange/" + MAILBOX)) {
            return false;
        }
        String minute = DateTimeFormatter.ofPattern("yyyyMMddHHmm")
                .withZone(ZoneOffset.UTC)
                .format(clock.instant());
        if (!f[3].equals(minute)) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SHARED_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = HexFormat.of()
                    .formatHex(mac.doFinal((f[0] + ":" + f[1] + ":" + f[2] + ":" + PASSWORD + ":" + f[3])
                            .getBytes(StandardCharsets.UTF_8)));
            return expected.equals(f[4]);
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }
}

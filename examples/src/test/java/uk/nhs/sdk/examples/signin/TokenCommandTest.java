package uk.nhs.sdk.examples.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.sdk.examples.CliRun;
import uk.nhs.sdk.testkit.NhsSandbox;
import uk.nhs.sdk.testkit.SandboxApplication;

/**
 * {@code nhs token exchange} against a running sandbox ({@code --base-url} its OAuth2 server) with
 * an application's credentials: the exchange succeeds once, prints no token, and the platform's
 * refusal of a reused ID token comes through.
 */
class TokenCommandTest {
    private static NhsSandbox sandbox;
    private static SandboxApplication app;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        sandbox = NhsSandbox.start();
        app = SandboxApplication.generate("cli-1");
        sandbox.register(app);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static String[] exchange(Path idToken, Path key) {
        return new String[] {
            "token",
            "exchange",
            "--id-token-file",
            idToken.toString(),
            "--base-url",
            sandbox.apiBaseUrl("oauth2").toString(),
            "--api-key",
            app.apiKey().reveal(),
            "--private-key",
            key.toString(),
            "--key-id",
            app.keyId()
        };
    }

    @Test
    void anIdTokenFromAFileIsExchangedOnceAndNoTokenIsPrinted() throws Exception {
        Path key = dir.resolve("key.pem");
        Files.writeString(
                key,
                "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder()
                                .encodeToString(app.privateKey().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        Path idToken = dir.resolve("id-token");
        Files.writeString(idToken, SandboxUsers.idToken(sandbox, false) + "\n");

        CliRun first = CliRun.of(exchange(idToken, key));
        CliRun again = CliRun.of(exchange(idToken, key));

        assertThat(first.status).as(first.err).isZero();
        assertThat(first.out)
                .contains("API Platform access token: Bearer")
                .containsPattern("\\(in 59[0-9] s\\)")
                .doesNotContainPattern("[A-Za-z0-9]{28}");
        assertThat(again.status).isEqualTo(1);
        assertThat(again.err).contains("error:");
    }

    @Test
    void aFileThatCannotBeReadIsAUsageError() {
        CliRun r = CliRun.of(
                "token", "exchange", "--id-token-file", dir.resolve("missing").toString());

        assertThat(r.status).isEqualTo(2);
        assertThat(r.err).contains("cannot read the ID token");
    }
}

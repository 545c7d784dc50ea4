package uk.nhs.sdk.examples.signin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.sdk.core.internal.json.Json;
import uk.nhs.sdk.examples.CliRun;

/**
 * {@code nhs login} against the embedded sandbox, unattended with {@code --auto}: the URL is
 * printed, the redirect arrives at the loopback listener, the claims are printed and no token.
 */
class LoginCommandTest {
    @TempDir
    Path dir;

    @Test
    void nhsLoginPrintsTheUrlAndTheValidatedClaimsButNoToken() {
        CliRun r = CliRun.of("login", "--provider", "nhs-login", "--auto");

        assertThat(r.status).as(r.err).isZero();
        assertThat(r.err)
                .contains("Sign in at: http://127.0.0.1:")
                .contains("/nhs-login/authorize?")
                .containsPattern("Waiting for the redirect to http://127\\.0\\.0\\.1:[0-9]+/callback");
        assertThat(r.out)
                .contains("Signed in with NHS login; ID token validated")
                .contains("NHS number     900 000 0009")
                .contains("proofing level P9")
                .contains("vot            P9.Cp.Cd");
        assertThat(r.out).doesNotContainPattern("eyJ[A-Za-z0-9_-]{10,}");
    }

    @Test
    void cis2PrintsTheRoleAndOrganisationAndCanExchangeAtOnce() {
        CliRun r = CliRun.of("login", "--provider", "cis2", "--auto", "--user", "555254240101", "--exchange");

        assertThat(r.status).as(r.err).isZero();
        assertThat(r.out)
                .contains("Signed in with CIS2")
                .contains("acr            AAL2_ANY")
                .contains("roles          555254242103 at Y12345")
                .contains("organisations  Y12345")
                .contains("API Platform access token: Bearer (issued token type access_token), expires")
                .containsPattern("\\(in 59[0-9] s\\)");
        assertThat(r.out).doesNotContainPattern("eyJ[A-Za-z0-9_-]{10,}");
    }

    @Test
    void jsonOutputIsTheClaimsAndTheIdTokenCanGoToAFileForTheOwnerOnly() throws Exception {
        Path file = dir.resolve("id-token");
        CliRun r = CliRun.of(
                "login", "--provider", "nhs-login", "--auto", "--output", "json", "--id-token-file", file.toString());

        JsonNode claims = Json.tree(r.out.getBytes(StandardCharsets.UTF_8));
        assertThat(claims.path("NHS number").asText()).isEqualTo("900 000 0009");
        assertThat(Files.readString(file)).startsWith("eyJ");
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void aUserTheProviderCannotSignInAtTheLevelAskedIsAnError() {
        CliRun weak = CliRun.of("login", "--provider", "nhs-login", "--auto", "--user", "p5");
        CliRun unknown = CliRun.of("login", "--provider", "nhs-login", "--auto", "--user", "p7");
        CliRun p5 = CliRun.of("login", "--provider", "nhs-login", "--auto", "--user", "p5", "--vtr", "P5.Cp.Cd");
        CliRun badProvider = CliRun.of("login", "--provider", "google");

        assertThat(weak.status).isEqualTo(1);
        assertThat(weak.err).contains("error:");
        assertThat(unknown.status).isEqualTo(2);
        assertThat(unknown.err).contains("no such test user");
        assertThat(p5.status).as(p5.err).isZero();
        assertThat(p5.out).contains("proofing level P5");
        assertThat(badProvider.status).isEqualTo(2);
    }

    @Test
    void aBrowserThatNeverComesBackEndsAtTheTimeoutWithNoToken() {
        CliRun hung = CliRun.of("login", "--provider", "cis2", "--timeout", "1");
        CliRun zero = CliRun.of("login", "--provider", "cis2", "--timeout", "0");

        assertThat(hung.status).isEqualTo(2);
        assertThat(hung.err).contains("Sign in at: ").contains("no sign-in arrived at the redirect URI within 1 s");
        assertThat(hung.out).doesNotContainPattern("eyJ[A-Za-z0-9_-]{10,}");
        assertThat(zero.status).isEqualTo(2);
        assertThat(zero.err)
                .contains("--timeout must be a positive number of seconds")
                .doesNotContain("Sign in at");
    }
}

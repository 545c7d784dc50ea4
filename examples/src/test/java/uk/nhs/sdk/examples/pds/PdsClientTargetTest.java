package uk.nhs.sdk.examples.pds;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import uk.nhs.sdk.examples.Target;
import uk.nhs.sdk.identity.pds.PdsClient;

/** Where the PDS commands' client points for each target. */
class PdsClientTargetTest {

    private static URI baseUrlFor(String... args) {
        PdsCommand.Get get = new PdsCommand.Get();
        new CommandLine(get).parseArgs(args);
        try (Target target = Target.open(get.common);
                PdsClient client = PdsCommand.client(target, get.common, get.pds)) {
            return client.baseUrl();
        }
    }

    @Test
    void envSandboxIsThePublicSandboxFromTheSpec() {
        assertThat(baseUrlFor("--env", "sandbox", "9000000009"))
                .hasToString("https://sandbox.api.service.nhs.uk/personal-demographics/FHIR/R4");
    }

    @Test
    void envIntWithAUserTokenNeedsNoSignedJwtCredentials() {
        assertThat(baseUrlFor(
                        "--env",
                        "int",
                        "--access-token",
                        "user-token",
                        "--ods-code",
                        "Y12345",
                        "--session-urid",
                        "555254240100",
                        "9000000009"))
                .hasToString("https://int.api.service.nhs.uk/personal-demographics/FHIR/R4");
    }

    @Test
    void aBaseUrlIsUsedAsIs() {
        assertThat(baseUrlFor("--base-url", "http://127.0.0.1:9/personal-demographics/FHIR/R4", "9000000009"))
                .hasToString("http://127.0.0.1:9/personal-demographics/FHIR/R4");
    }
}

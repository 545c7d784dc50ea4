package uk.nhs.sdk.examples.pds;

import java.util.Optional;
import picocli.CommandLine.Option;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.examples.Env;

/**
 * The options only PDS commands take: a user-restricted access token (healthcare worker access
 * through CIS2, which PDS needs for updates) and the user's role.
 */
final class PdsOptions {
    @Option(
            names = "--access-token",
            paramLabel = "TOKEN",
            description = "A user-restricted (CIS2 or NHS login) access token, sent as a bearer token instead of "
                    + "the signed-JWT flow (or NHS_ACCESS_TOKEN).")
    String accessToken;

    @Option(
            names = "--session-urid",
            paramLabel = "URID",
            description = "The user's role id, sent as NHSD-Session-URID (healthcare worker access only).")
    String sessionUrid;

    Optional<Secret> accessToken() {
        return Optional.ofNullable(accessToken)
                .or(() -> Env.get("NHS_ACCESS_TOKEN"))
                .map(Secret::of);
    }

    Optional<String> sessionUrid() {
        return Optional.ofNullable(sessionUrid);
    }
}

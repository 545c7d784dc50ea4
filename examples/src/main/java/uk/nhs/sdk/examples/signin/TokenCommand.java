package uk.nhs.sdk.examples.signin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import uk.nhs.sdk.examples.CommonOptions;
import uk.nhs.sdk.examples.Output;
import uk.nhs.sdk.examples.Target;
import uk.nhs.sdk.examples.UsageException;
import uk.nhs.sdk.identity.oidc.IdToken;

/**
 * {@code nhs token exchange}: swaps a CIS2 or NHS login ID token for an API Platform
 * user-restricted access token (RFC 8693, with the application's signed client assertion) and
 * prints the token's type and expiry, never the token.
 */
@Command(
        name = "token",
        mixinStandardHelpOptions = true,
        description = "API Platform tokens for a signed-in user.",
        subcommands = TokenCommand.Exchange.class)
public final class TokenCommand implements Runnable {
    @Spec
    CommandSpec spec;

    /**
     * Creates the command (picocli does this).
     */
    public TokenCommand() {}

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code nhs token exchange --id-token-file FILE|-}. */
    @Command(
            name = "exchange",
            mixinStandardHelpOptions = true,
            description = "Exchange an ID token (from a file, or - for stdin) for an API Platform access token; "
                    + "--base-url is the OAuth2 server's base URL (for example http://127.0.0.1:PORT/oauth2).")
    static final class Exchange implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Option(
                names = "--id-token-file",
                required = true,
                paramLabel = "FILE|-",
                description = "The ID token: a file holding it, or - to read it from standard input.")
        String idTokenFile;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            IdToken idToken = IdToken.of(read(idTokenFile).strip());
            Output out = Output.of(spec, common);
            try (Target target = Target.open(common)) {
                PlatformExchange.run(target, common, idToken, out);
            }
            out.flush();
            return 0;
        }

        private static String read(String file) {
            try {
                if ("-".equals(file)) {
                    return new String(System.in.readAllBytes(), StandardCharsets.US_ASCII);
                }
                return Files.readString(Path.of(file), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new UsageException(
                        "cannot read the ID token from " + ("-".equals(file) ? "standard input" : "the file given"));
            } catch (UncheckedIOException e) {
                throw new UsageException("cannot read the ID token");
            }
        }
    }
}

package uk.nhs.sdk.examples.signin;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import uk.nhs.sdk.core.NhsEnvironment;
import uk.nhs.sdk.core.auth.PrivateKeys;
import uk.nhs.sdk.examples.CommonOptions;
import uk.nhs.sdk.examples.Output;
import uk.nhs.sdk.examples.Target;
import uk.nhs.sdk.examples.UsageException;
import uk.nhs.sdk.identity.oidc.AuthorizationRequest;
import uk.nhs.sdk.identity.oidc.Cis2;
import uk.nhs.sdk.identity.oidc.JwsAlgorithm;
import uk.nhs.sdk.identity.oidc.NhsLogin;
import uk.nhs.sdk.identity.oidc.OidcClient;
import uk.nhs.sdk.identity.oidc.OidcClientCredentials;
import uk.nhs.sdk.identity.oidc.OidcProvider;
import uk.nhs.sdk.identity.oidc.SignIn;
import uk.nhs.sdk.identity.oidc.VectorOfTrust;
import uk.nhs.sdk.testkit.SandboxIdentityProvider;

/**
 * {@code nhs login --provider cis2|nhs-login}: prints the authorization URL, listens for the
 * redirect on 127.0.0.1 at a free port, completes the sign-in ({@code private_key_jwt} code
 * exchange, ID token validated) and prints the validated claims, never a token value. Against the
 * embedded sandbox (the default) it signs in the sandbox's relying party; {@code --auto} visits
 * the URL itself, since the sandbox's providers sign their test user in at once.
 */
@Command(
        name = "login",
        mixinStandardHelpOptions = true,
        description = "Sign a user in with CIS2 or NHS login (OIDC) and print the validated claims, never a token.")
public final class LoginCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(
            names = "--provider",
            required = true,
            paramLabel = "cis2|nhs-login",
            description = "The identity provider.")
    String provider;

    @Option(
            names = "--auto",
            description = "Visit the authorization URL here instead of in a browser "
                    + "(the embedded sandbox signs its test user in at once).")
    boolean auto;

    @Option(
            names = "--user",
            paramLabel = "ID",
            description =
                    "Embedded sandbox: the test user (CIS2 555254240100 or " + "555254240101; NHS login p9, p5 or p0).")
    String user;

    @Option(
            names = "--vtr",
            split = ",",
            paramLabel = "VECTOR",
            description = "NHS login vectors of trust, such as P9.Cp.Cd,P5.Cp.Cd. Default: the P9 vectors.")
    List<String> vtr;

    @Option(
            names = "--discovery-url",
            paramLabel = "URL",
            description =
                    "The provider's discovery document " + "(default: the embedded sandbox's, or the --env preset).")
    URI discoveryUrl;

    @Option(names = "--client-id", paramLabel = "ID", description = "Your client id at the provider (not the API key).")
    String clientId;

    @Option(names = "--client-key", paramLabel = "FILE", description = "PEM (PKCS#8) key of your client assertions.")
    Path clientKey;

    @Option(names = "--client-key-id", paramLabel = "KID", description = "The kid of that key.")
    String clientKeyId;

    @Option(
            names = "--client-alg",
            paramLabel = "ALG",
            defaultValue = "RS512",
            description = "The client assertion's algorithm (CIS2 accepts RS256 to RS512). Default: RS512.")
    JwsAlgorithm clientAlg;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "300",
            description = "How long to wait for the browser's redirect. Default: 300.")
    long timeoutSeconds;

    @Option(
            names = "--exchange",
            description =
                    "Then exchange the ID token at the API Platform and print the " + "access token's type and expiry.")
    boolean exchange;

    @Option(
            names = "--id-token-file",
            paramLabel = "FILE",
            description = "Write the ID token to this file (readable by you only), for nhs token exchange.")
    Path idTokenFile;

    @Spec
    CommandSpec spec;

    /**
     * Creates the command (picocli does this).
     */
    public LoginCommand() {}

    @Override
    public Integer call() throws IOException {
        boolean cis2 = cis2();
        if (timeoutSeconds <= 0) {
            throw new UsageException("--timeout must be a positive number of seconds");
        }
        Output out = Output.of(spec, common);
        try (Target target = Target.open(common);
                LoopbackRedirect redirect = LoopbackRedirect.start();
                OidcClient client = client(target, cis2, redirect.redirectUri())) {
            AuthorizationRequest.Builder rb = client.authorizationRequest();
            if (vtr != null && !vtr.isEmpty()) {
                if (cis2) {
                    throw new UsageException("--vtr is for NHS login");
                }
                rb.vectorsOfTrust(vtr.stream()
                        .map(v -> VectorOfTrust.fromValue(v)
                                .orElseThrow(() -> new UsageException("--vtr: not a vector of trust NHS login knows")))
                        .toArray(VectorOfTrust[]::new));
            }
            AuthorizationRequest request = rb.build();
            spec.commandLine().getErr().println("Sign in at: " + request.uri());
            spec.commandLine().getErr().println("Waiting for the redirect to " + redirect.redirectUri() + " ...");
            spec.commandLine().getErr().flush();
            if (auto) {
                Browser.visit(request.uri());
            }
            SignIn signIn = client.completeSignIn(request, redirect.await(Duration.ofSeconds(timeoutSeconds)));
            out.jsonValue(SignInText.fields(signIn.claims()));
            out.text("Signed in with " + (cis2 ? "CIS2" : "NHS login") + "; ID token validated (signature, issuer, "
                    + "audience, expiry, nonce" + (cis2 ? ", acr" : ", vot") + "):");
            SignInText.lines(signIn.claims()).forEach(l -> out.text("  " + l));
            if (idTokenFile != null) {
                writeOwnerOnly(idTokenFile, signIn.idToken().value().reveal());
                out.text("ID token written to " + idTokenFile);
            }
            if (exchange) {
                PlatformExchange.run(target, common, signIn.idToken(), out);
            }
        }
        out.flush();
        return 0;
    }

    private boolean cis2() {
        if ("cis2".equals(provider)) {
            return true;
        }
        if ("nhs-login".equals(provider)) {
            return false;
        }
        throw new UsageException("--provider must be cis2 or nhs-login");
    }

    private OidcClient client(Target target, boolean cis2, URI redirectUri) {
        if (target.sandbox().isPresent() && clientId == null) {
            SandboxIdentityProvider p = cis2
                    ? target.sandbox().get().cis2()
                    : target.sandbox().get().nhsLogin();
            if (user != null) {
                try {
                    p.signInAs(user);
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--user: the sandbox has no such test user; it has " + p.testUserIds());
                }
            }
            return SandboxSignIn.client(p, cis2, redirectUri, target.clientOptions());
        }
        if (clientId == null || clientKey == null || clientKeyId == null) {
            throw new UsageException(
                    "--client-id, --client-key and --client-key-id are needed outside the embedded sandbox");
        }
        return OidcClient.builder()
                .provider(provider(cis2))
                .credentials(OidcClientCredentials.builder()
                        .clientId(clientId)
                        .keyId(clientKeyId)
                        .privateKey(PrivateKeys.fromPem(clientKey))
                        .algorithm(clientAlg)
                        .build())
                .redirectUri(redirectUri)
                .options(target.clientOptions())
                .build();
    }

    private OidcProvider provider(boolean cis2) {
        if (discoveryUrl != null) {
            return cis2 ? Cis2.at(discoveryUrl) : NhsLogin.at(discoveryUrl);
        }
        NhsEnvironment env = common.environment()
                .orElseThrow(() -> new UsageException("--discovery-url or --env names the provider"));
        switch (env) {
            case PRODUCTION:
                return cis2 ? Cis2.live() : NhsLogin.production();
            case INTEGRATION:
                return cis2 ? Cis2.integration() : NhsLogin.integration();
            default:
                if (cis2) {
                    throw new UsageException("CIS2 has no public sandbox: use --env int or --discovery-url");
                }
                return NhsLogin.sandpit();
        }
    }

    private static void writeOwnerOnly(Path file, String value) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, value, StandardCharsets.US_ASCII);
    }
}

package uk.nhs.sdk.benchmarks;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.interfaces.RSAPrivateKey;
import java.util.Base64;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.auth.PrivateKeys;
import uk.nhs.sdk.core.auth.SignedJwtAuth;
import uk.nhs.sdk.identity.oidc.Cis2;
import uk.nhs.sdk.identity.oidc.OidcClient;
import uk.nhs.sdk.identity.oidc.OidcClientCredentials;
import uk.nhs.sdk.identity.pds.PdsClient;
import uk.nhs.sdk.messaging.mesh.MeshClient;
import uk.nhs.sdk.messaging.notify.NotifyClient;
import uk.nhs.sdk.messaging.notify.NotifyMessage;
import uk.nhs.sdk.messaging.notify.RoutingPlan;
import uk.nhs.sdk.records.RecordsApi;
import uk.nhs.sdk.records.nrl.NrlConsumerClient;
import uk.nhs.sdk.records.nrl.NrlProducerClient;
import uk.nhs.sdk.records.nrl.PointerSearch;
import uk.nhs.sdk.records.ods.OdsClient;
import uk.nhs.sdk.testkit.NhsSandbox;
import uk.nhs.sdk.testkit.SandboxIdentityProvider;
import uk.nhs.sdk.testkit.SandboxMeshMailbox;
import uk.nhs.sdk.testkit.SandboxNotify;

/**
 * A measurement, not a JMH benchmark: the cold start of an application using the SDK. One
 * process ({@code serve}) runs the embedded sandbox and writes what a client needs to reach it (URLs,
 * the API Platform application's key, a MESH mailbox, the CIS2 relying party) to a properties file;
 * each run of {@code run} is a fresh JVM that reads the file and then, timing each phase:
 *
 * <ol>
 *   <li>{@code main}: the JVM's start (its {@code RuntimeMXBean} start time) to the first line of
 *       {@code main};</li>
 *   <li>{@code keys}: reads the two RSA private keys from PKCS#8 PEM with {@link PrivateKeys};</li>
 *   <li>{@code build}: builds every client: signed-JWT auth, PDS, MESH, NRL consumer and producer,
 *       ODS, Notify and a CIS2 OIDC client, the API Platform ones sharing the auth;</li>
 *   <li>one phase per client's first call, in this order: {@code token} (the signed-JWT token),
 *       {@code pds} ({@code getPatient}), {@code mesh} ({@code inboxCount}), {@code nrlc}
 *       (consumer search), {@code nrlp} (producer search), {@code ods} ({@code read}),
 *       {@code notify} ({@code send}) and {@code oidc} (an authorization request: discovery,
 *       state, nonce, PKCE).</li>
 * </ol>
 *
 * <p>It prints one line: {@code phase=ms/classes} for each phase (classes loaded during it) and
 * {@code total} (JVM start to the end of the last call). {@code run-cold-start.sh} runs N of them
 * and reports each phase's median and range.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar uk.nhs.sdk.benchmarks.ColdStart serve /tmp/cold-start.properties
 * java -cp benchmarks/target/benchmarks.jar uk.nhs.sdk.benchmarks.ColdStart run /tmp/cold-start.properties
 * </pre>
 */
public final class ColdStart {
    private static final StringBuilder OUT = new StringBuilder();
    private static long last;
    private static long lastClasses;
    private static ClassLoadingMXBean classes;

    private ColdStart() {}

    /**
     * {@code serve FILE} or {@code run FILE}.
     *
     * @param args the mode and the properties file
     * @throws Exception when the run fails
     */
    public static void main(String[] args) throws Exception {
        long entered = System.currentTimeMillis();
        if (args.length != 2 || !(args[0].equals("serve") || args[0].equals("run"))) {
            throw new IllegalArgumentException("usage: ColdStart serve|run FILE");
        }
        if (args[0].equals("serve")) {
            serve(Path.of(args[1]));
        } else {
            run(Path.of(args[1]), entered);
        }
    }

    private static void serve(Path file) throws IOException, InterruptedException {
        NhsSandbox sandbox = NhsSandbox.start();
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close));
        SandboxMeshMailbox mailbox = sandbox.meshMailboxes().get(0);
        SandboxIdentityProvider cis2 = sandbox.cis2();
        Properties p = new Properties();
        p.setProperty("base", sandbox.baseUrl().toString());
        p.setProperty("token", sandbox.oauthTokenUrl().toString());
        p.setProperty("pds", sandbox.pdsBaseUrl().toString());
        p.setProperty("mesh", sandbox.meshBaseUrl().toString());
        p.setProperty(
                "nrlc", sandbox.apiBaseUrl(RecordsApi.NRL_CONSUMER.basePath()).toString());
        p.setProperty(
                "nrlp", sandbox.apiBaseUrl(RecordsApi.NRL_PRODUCER.basePath()).toString());
        p.setProperty("ods", sandbox.apiBaseUrl(RecordsApi.ODS.basePath()).toString());
        p.setProperty("notify", SandboxNotify.of(sandbox).baseUrl().toString());
        p.setProperty("apiKey", sandbox.application().apiKey().reveal());
        p.setProperty("keyId", sandbox.application().keyId());
        p.setProperty("privateKey", pem(sandbox.application().privateKey()));
        p.setProperty("meshMailbox", mailbox.id());
        p.setProperty("meshPassword", mailbox.password().reveal());
        p.setProperty("meshSharedKey", sandbox.meshSharedKey().reveal());
        p.setProperty("cis2", cis2.discoveryUrl().toString());
        p.setProperty("cis2ClientId", cis2.client().clientId());
        p.setProperty("cis2KeyId", cis2.client().keyId());
        p.setProperty("cis2PrivateKey", pem(cis2.client().privateKey()));
        p.setProperty("redirect", SandboxIdentityProvider.DEFAULT_REDIRECT_URI.toString());
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "cold-start", ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "ColdStart: a loopback sandbox's test credentials (no real secret)");
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("sandbox at " + sandbox.baseUrl() + "; settings in " + file);
        new CountDownLatch(1).await();
    }

    private static String pem(RSAPrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static void run(Path file, long entered) throws IOException {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        classes = ManagementFactory.getClassLoadingMXBean();
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        OUT.append("main=").append(entered - jvmStart).append('/').append(classes.getTotalLoadedClassCount());
        last = System.nanoTime();
        lastClasses = classes.getTotalLoadedClassCount();

        RSAPrivateKey apiKey = PrivateKeys.fromPem(p.getProperty("privateKey"));
        RSAPrivateKey cis2Key = PrivateKeys.fromPem(p.getProperty("cis2PrivateKey"));
        phase("keys");

        OdsCode org = OdsCode.of("Y05868");
        try (SignedJwtAuth auth = SignedJwtAuth.builder()
                        .tokenUrl(URI.create(p.getProperty("token")))
                        .apiKey(Secret.of(p.getProperty("apiKey")))
                        .keyId(p.getProperty("keyId"))
                        .privateKey(apiKey)
                        .build();
                PdsClient pds = PdsClient.builder()
                        .baseUrl(URI.create(p.getProperty("pds")))
                        .auth(auth)
                        .build();
                MeshClient mesh = MeshClient.builder()
                        .baseUrl(URI.create(p.getProperty("mesh")))
                        .mailbox(p.getProperty("meshMailbox"))
                        .password(Secret.of(p.getProperty("meshPassword")))
                        .sharedKey(Secret.of(p.getProperty("meshSharedKey")))
                        .build();
                NrlConsumerClient nrlc = NrlConsumerClient.builder()
                        .baseUrl(URI.create(p.getProperty("nrlc")))
                        .auth(auth)
                        .endUserOrganisation(org)
                        .build();
                NrlProducerClient nrlp = NrlProducerClient.builder()
                        .baseUrl(URI.create(p.getProperty("nrlp")))
                        .auth(auth)
                        .endUserOrganisation(org)
                        .build();
                OdsClient ods = OdsClient.builder()
                        .baseUrl(URI.create(p.getProperty("ods")))
                        .apiKey(Secret.of(p.getProperty("apiKey")))
                        .build();
                NotifyClient notify = NotifyClient.builder()
                        .baseUrl(URI.create(p.getProperty("notify")))
                        .auth(auth)
                        .build();
                OidcClient oidc = OidcClient.builder()
                        .provider(Cis2.at(URI.create(p.getProperty("cis2"))))
                        .credentials(OidcClientCredentials.builder()
                                .clientId(p.getProperty("cis2ClientId"))
                                .keyId(p.getProperty("cis2KeyId"))
                                .privateKey(cis2Key)
                                .build())
                        .redirectUri(URI.create(p.getProperty("redirect")))
                        .build()) {
            phase("build");
            check(!auth.accessToken().reveal().isEmpty());
            phase("token");
            check(pds.getPatient(NhsNumber.parse("9000000009")).version() > 0);
            phase("pds");
            check(mesh.inboxCount() >= 0);
            phase("mesh");
            NhsNumber patient = NhsNumber.parse("9000000017");
            check(nrlc.search(patient).total() >= 0);
            phase("nrlc");
            check(nrlp.search(PointerSearch.forPatient(patient).build()).total() >= 0);
            phase("nrlp");
            check(!ods.read(org).name().isEmpty());
            phase("ods");
            check(notify.send(NotifyMessage.builder(NhsNumber.parse("9990548609"))
                            .routingPlan(RoutingPlan.NHS_APP)
                            .messageReference("cold-" + UUID.randomUUID())
                            .personalisation("body", "Cold start.")
                            .build())
                    .messageId()
                    .isPresent());
            phase("notify");
            check(oidc.authorizationRequest().build().uri().getQuery().contains("state="));
            phase("oidc");
        }
        OUT.append(" total=")
                .append(System.currentTimeMillis() - jvmStart)
                .append('/')
                .append(classes.getTotalLoadedClassCount());
        System.out.println(OUT);
    }

    private static void phase(String name) {
        long now = System.nanoTime();
        long loaded = classes.getTotalLoadedClassCount();
        OUT.append(' ')
                .append(name)
                .append('=')
                .append((now - last) / 1_000_000)
                .append('/')
                .append(loaded - lastClasses);
        last = now;
        lastClasses = loaded;
    }

    private static void check(boolean ok) {
        if (!ok) {
            throw new IllegalStateException("a first call gave an unexpected answer");
        }
    }
}

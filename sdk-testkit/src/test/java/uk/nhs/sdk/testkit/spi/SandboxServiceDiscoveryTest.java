package uk.nhs.sdk.testkit.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.sdk.core.error.NhsConfigurationException;
import uk.nhs.sdk.core.testing.MutableClock;
import uk.nhs.sdk.testkit.NhsSandbox;

/**
 * The sandbox hosts exactly the services registered in
 * {@code META-INF/services/uk.nhs.sdk.testkit.spi.SandboxService}, in their order, and one more
 * registered line is all a new service needs.
 */
class SandboxServiceDiscoveryTest {
    private static final String REGISTRY = "META-INF/services/" + SandboxService.class.getName();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void theSandboxHostsExactlyTheRegisteredServicesInTheirOrder() throws Exception {
        List<SandboxService> registered = new ArrayList<>();
        for (URL url : Collections.list(getClass().getClassLoader().getResources(REGISTRY))) {
            try (InputStream in = url.openStream()) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        .lines()
                        .map(String::strip)
                        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                        .toList()) {
                    registered.add((SandboxService)
                            Class.forName(line).getConstructor().newInstance());
                }
            }
        }
        registered.sort(Comparator.comparingInt(SandboxService::order).thenComparing(SandboxService::name));

        try (NhsSandbox sandbox = NhsSandbox.start()) {
            Map<String, URI> urls = sandbox.serviceUrls();
            assertThat(urls.keySet())
                    .containsExactlyElementsOf(
                            registered.stream().map(SandboxService::name).toList());
            for (SandboxService s : registered) {
                assertThat(urls.get(s.name())).isEqualTo(URI.create(sandbox.baseUrl() + s.basePath()));
            }
            assertThat(urls)
                    .containsEntry("API Platform OAuth2 token", sandbox.oauthTokenUrl())
                    .containsEntry("Personal Demographics Service (PDS) FHIR R4", sandbox.pdsBaseUrl())
                    .containsEntry("MESH", sandbox.meshBaseUrl());
            assertThat(urls.keySet())
                    .containsSubsequence(
                            "API Platform OAuth2 token", "Personal Demographics Service (PDS) FHIR R4", "MESH");
        }
    }

    @Test
    void aServiceRegisteredByOneLineIsListedRoutedAndResetWithTheOthers() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
        try (NhsSandbox sandbox = withRegistered(
                EchoService.class, () -> NhsSandbox.builder().clock(clock).start())) {
            assertThat(sandbox.serviceUrls().keySet())
                    .containsSubsequence(
                            "API Platform OAuth2 token", "Personal Demographics Service (PDS) FHIR R4", "Echo", "MESH");
            URI echo = sandbox.serviceUrls().get("Echo");
            assertThat(echo).isEqualTo(URI.create(sandbox.baseUrl() + "/echo"));

            assertThat(get(URI.create(echo + "/hello")))
                    .isEqualTo("{\"path\":\"/echo/hello\",\"resets\":0,\"clock\":\"2026-11-24T10:00:00Z\"}");
            sandbox.reset();
            assertThat(get(echo)).contains("\"resets\":1");
            // the built-in services still answer
            assertThat(HTTP.send(
                                    HttpRequest.newBuilder(sandbox.oauthTokenUrl())
                                            .GET()
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode())
                    .isEqualTo(405);
        }
    }

    @Test
    void aServiceWhoseFakeCannotHandleRequestsStopsTheSandboxFromStarting() {
        assertThatThrownBy(() -> withRegistered(UnroutableService.class, NhsSandbox::start))
                .isInstanceOf(NhsConfigurationException.class)
                .hasMessageContaining(UnroutableService.class.getName());
    }

    @Test
    void twoServicesWithOneNameStopTheSandboxFromStarting() {
        assertThatThrownBy(() -> withRegistered(DuplicateMeshService.class, NhsSandbox::start))
                .isInstanceOf(NhsConfigurationException.class)
                .hasMessageContaining("unique name");
    }

    private static String get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** Runs the action with one more provider registered through the thread's class loader. */
    private <T> T withRegistered(Class<? extends SandboxService> provider, Callable<T> action) throws Exception {
        Path registry = dir.resolve(REGISTRY);
        Files.createDirectories(registry.getParent());
        Files.writeString(registry, "# a test service\n" + provider.getName() + "\n");
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            thread.setContextClassLoader(loader);
            return action.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}

package uk.nhs.sdk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;
import uk.nhs.sdk.examples.demo.DemoStep;

/**
 * The tool's commands and demo steps are exactly those of the modules registered in
 * {@code META-INF/services/uk.nhs.sdk.examples.CliModule}, in their order, and one more registered
 * line is all a new service needs.
 */
class CliModuleDiscoveryTest {
    private static final String REGISTRY = "META-INF/services/" + CliModule.class.getName();

    @TempDir
    Path dir;

    @Test
    void theToolHasExactlyTheRegisteredModulesCommandsAndDemoSteps() throws Exception {
        List<CliModule> registered = new ArrayList<>();
        for (URL url : Collections.list(getClass().getClassLoader().getResources(REGISTRY))) {
            try (InputStream in = url.openStream()) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        .lines()
                        .map(String::strip)
                        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                        .toList()) {
                    registered.add(
                            (CliModule) Class.forName(line).getConstructor().newInstance());
                }
            }
        }
        registered.sort(Comparator.comparingInt(CliModule::order)
                .thenComparing(m -> m.getClass().getName()));
        List<String> commands = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        for (CliModule m : registered) {
            m.commands()
                    .forEach(c -> commands.add(
                            c.getClass().getAnnotation(Command.class).name()));
            m.demoSteps().forEach(s -> steps.add(s.title()));
        }
        commands.addAll(List.of("demo", "sandbox", "help"));

        assertThat(NhsCli.commandLine().getSubcommands().keySet()).containsExactlyElementsOf(commands);
        assertThat(CliModules.demoSteps(CliModules.discover()))
                .extracting(DemoStep::title)
                .containsExactlyElementsOf(steps);
        // the tour starts with the token every later step uses, then sign-in, PDS, then MESH
        assertThat(steps)
                .startsWith("API Platform: an access token through the signed-JWT flow")
                .containsSubsequence(
                        "API Platform: an access token through the signed-JWT flow",
                        "Sign-in: a patient with NHS login, a clinician with CIS2, PDS as each of them",
                        "Personal Demographics Service: retrieve, search, and what application-restricted access may not do",
                        "MESH: a chunked, compressed file from one mailbox to another");
        assertThat(commands).containsSubsequence("number", "login", "token", "pds", "mesh", "demo", "sandbox", "help");
    }

    @Test
    void aModuleRegisteredByOneLineAddsItsCommandAndItsDemoStepInItsPlace() throws Exception {
        withRegistered(EchoModule.class, () -> {
            assertThat(NhsCli.commandLine().getSubcommands().keySet())
                    .containsSubsequence("number", "pds", "echo", "mesh", "demo", "sandbox", "help");
            assertThat(CliModules.demoSteps(CliModules.discover()))
                    .extracting(DemoStep::title)
                    .containsSubsequence(
                            "Personal Demographics Service: retrieve, search, and what application-restricted access may not do",
                            "Echo: says hello",
                            "MESH: a chunked, compressed file from one mailbox to another");
            CliRun help = CliRun.of("--help");
            assertThat(help.out).contains("echo");
            CliRun echo = CliRun.of("echo", "hello", "there");
            assertThat(echo.status).isZero();
            assertThat(echo.out).isEqualTo("hello there" + System.lineSeparator());
            return null;
        });
        assertThat(NhsCli.commandLine().getSubcommands()).doesNotContainKey("echo");
    }

    /** Runs the action with one more module registered through the thread's class loader. */
    private void withRegistered(Class<? extends CliModule> module, Callable<Void> action) throws Exception {
        Path registry = dir.resolve(REGISTRY);
        Files.createDirectories(registry.getParent());
        Files.writeString(registry, module.getName() + "\n");
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            thread.setContextClassLoader(loader);
            action.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}

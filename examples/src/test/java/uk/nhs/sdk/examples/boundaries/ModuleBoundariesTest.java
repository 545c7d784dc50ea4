package uk.nhs.sdk.examples.boundaries;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.NhsEnvironment;
import uk.nhs.sdk.core.testing.LogGuard;
import uk.nhs.sdk.examples.NhsCli;
import uk.nhs.sdk.examples.boundaries.ModuleBoundaries.Module;
import uk.nhs.sdk.identity.pds.PdsClient;
import uk.nhs.sdk.messaging.mesh.MeshClient;
import uk.nhs.sdk.micrometer.NhsMetrics;
import uk.nhs.sdk.opentelemetry.NhsTracing;
import uk.nhs.sdk.records.RecordsApi;
import uk.nhs.sdk.spring.NhsProperties;
import uk.nhs.sdk.testkit.NhsSandbox;

/**
 * Internal means internal: no module but sdk-core references {@code uk.nhs.sdk.core.internal} from
 * its main code (tests may), and every module's main code lives in the package it owns. Checked
 * here because examples depends on every module, on the compiled classes the build just made.
 */
class ModuleBoundariesTest {
    static final String ALLOW_LIST = "core-internal-allowed.txt";

    /** Every module of the reactor but benchmarks (outside the default build), found by one of its classes. */
    static final List<Module> MODULES = List.of(
            Module.of("sdk-core", "uk.nhs.sdk.core", NhsEnvironment.class, true),
            Module.of("sdk-identity", "uk.nhs.sdk.identity", PdsClient.class, false),
            Module.of("sdk-messaging", "uk.nhs.sdk.messaging", MeshClient.class, false),
            Module.of("sdk-records", "uk.nhs.sdk.records", RecordsApi.class, false),
            Module.of("sdk-testkit", "uk.nhs.sdk.testkit", NhsSandbox.class, false),
            Module.of("sdk-micrometer", "uk.nhs.sdk.micrometer", NhsMetrics.class, false),
            Module.of("sdk-opentelemetry", "uk.nhs.sdk.opentelemetry", NhsTracing.class, false),
            Module.of("sdk-spring-boot-starter", "uk.nhs.sdk.spring", NhsProperties.class, false),
            Module.of("examples", "uk.nhs.sdk.examples", NhsCli.class, false));

    @Test
    void noModuleButSdkCoreReferencesCoreInternalsBeyondTheAllowList() {
        Set<String> allowed = allowList();
        List<String> offenders = new ArrayList<>();
        for (Module m : MODULES) {
            for (String c : ModuleBoundaries.internalReferences(m)) {
                if (!allowed.contains(c)) {
                    offenders.add(m.name() + ": " + c);
                }
            }
        }
        assertThat(offenders)
                .as("main classes that reference uk.nhs.sdk.core.internal (use sdk-core's public API, "
                        + "or move the thing they need into it)")
                .isEmpty();
    }

    @Test
    void theAllowListNamesOnlyClassesThatStillReferenceCoreInternals() {
        Set<String> current = new TreeSet<>();
        for (Module m : MODULES) {
            current.addAll(ModuleBoundaries.internalReferences(m));
        }
        Set<String> fixed = new TreeSet<>(allowList());
        fixed.removeAll(current);
        assertThat(fixed)
                .as("no longer reference uk.nhs.sdk.core.internal: " + "delete them from examples/src/test/resources/"
                        + ALLOW_LIST)
                .isEmpty();
    }

    @Test
    void everyModuleKeepsItsMainClassesInThePackageItOwns() {
        List<String> strays = new ArrayList<>();
        for (Module m : MODULES) {
            for (String c : ModuleBoundaries.outsideOwnPackage(m)) {
                strays.add(m.name() + ": " + c + " is outside " + m.ownedPackage());
            }
        }
        assertThat(strays).isEmpty();
    }

    @Test
    void everyModuleOnTheClasspathIsChecked() throws IOException {
        Set<Path> checked = new LinkedHashSet<>();
        for (Module m : MODULES) {
            checked.add(m.classes());
        }
        assertThat(checked).as("one classes directory or jar per module").hasSameSizeAs(MODULES);
        // test classes may use anything: this module's own, and sdk-core's test-jar
        Set<Path> tests = Set.of(ModuleBoundaries.location(getClass()), ModuleBoundaries.location(LogGuard.class));

        Set<Path> sdkRoots = new TreeSet<>();
        for (URL url : Collections.list(getClass().getClassLoader().getResources("uk/nhs/sdk/"))) {
            sdkRoots.add(root(url));
        }
        sdkRoots.removeAll(tests);
        assertThat(sdkRoots)
                .as("classpath roots holding uk.nhs.sdk classes: add each module to MODULES")
                .containsExactlyInAnyOrderElementsOf(checked);
    }

    /** The classes directory or jar that a {@code uk/nhs/sdk/} resource URL points into. */
    private static Path root(URL url) {
        String s = url.toString();
        s = s.startsWith("jar:")
                ? s.substring("jar:".length(), s.indexOf("!/"))
                : s.substring(0, s.lastIndexOf("uk/nhs/sdk"));
        return Path.of(URI.create(s)).toAbsolutePath().normalize();
    }

    /**
     * The classes allowed, for now, to reference sdk-core's internals.
     *
     * @return class names from the allow-list, without comments and blank lines
     */
    static Set<String> allowList() {
        try (InputStream in = ModuleBoundariesTest.class.getResourceAsStream("/" + ALLOW_LIST)) {
            assertThat(in).as(ALLOW_LIST + " on the test classpath").isNotNull();
            Set<String> names = new TreeSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    names.add(name);
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package uk.nhs.sdk.examples.boundaries;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.sdk.examples.boundaries.ModuleBoundaries.Module;

/**
 * The checker behind {@link ModuleBoundariesTest} finds what it must: classes compiled here, from
 * sources that do and do not reference a class in {@code uk.nhs.sdk.core.internal}, read from a
 * classes directory and from a jar.
 */
class ModuleBoundariesCheckerTest {
    @TempDir
    static Path work;

    static Path classes;
    static Path jar;

    @BeforeAll
    static void compileAFakeModule() throws IOException {
        Path src = work.resolve("src");
        write(
                src,
                "uk/nhs/sdk/core/internal/probe/Probe.java",
                "package uk.nhs.sdk.core.internal.probe; public final class Probe { public static void touch() { } }");
        write(
                src,
                "uk/nhs/sdk/identity/fake/CallsInternal.java",
                "package uk.nhs.sdk.identity.fake; public final class CallsInternal {"
                        + " void run() { uk.nhs.sdk.core.internal.probe.Probe.touch(); } }");
        write(
                src,
                "uk/nhs/sdk/identity/fake/NestedTypeUse.java",
                "package uk.nhs.sdk.identity.fake; public final class NestedTypeUse {"
                        + " static final class Holder { uk.nhs.sdk.core.internal.probe.Probe p; } }");
        write(
                src,
                "uk/nhs/sdk/identity/fake/Clean.java",
                "package uk.nhs.sdk.identity.fake; public final class Clean {"
                        + " String name() { return \"uk.nhs.sdk.core.internal is only a string here\"; } }");
        write(src, "uk/nhs/sdk/core/Squatter.java", "package uk.nhs.sdk.core; public final class Squatter { }");

        Path out = work.resolve("out");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("--release", "17", "-d", out.toString()));
        try (Stream<Path> files = Files.walk(src)) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        assertThat(javac.run(null, null, null, args.toArray(String[]::new)))
                .as("javac exit status")
                .isZero();

        // the fake module's classes: everything but the internal class it calls
        classes = out;
        try (Stream<Path> files = Files.walk(out.resolve("uk/nhs/sdk/core/internal"))) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        jar = work.resolve("fake.jar");
        try (OutputStream o = Files.newOutputStream(jar);
                JarOutputStream j = new JarOutputStream(o);
                Stream<Path> files = Files.walk(out)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                j.putNextEntry(new JarEntry(out.relativize(p).toString().replace('\\', '/')));
                j.write(Files.readAllBytes(p));
                j.closeEntry();
            }
        }
    }

    @Test
    void findsEveryClassThatNamesAnInternalTypeInADirectory() {
        Module m = new Module("fake", "uk.nhs.sdk.identity", classes, false);

        assertThat(ModuleBoundaries.internalReferences(m))
                .containsExactly("uk.nhs.sdk.identity.fake.CallsInternal", "uk.nhs.sdk.identity.fake.NestedTypeUse");
    }

    @Test
    void findsThemInAJarToo() {
        Module m = new Module("fake", "uk.nhs.sdk.identity", jar, false);

        assertThat(ModuleBoundaries.internalReferences(m))
                .containsExactly("uk.nhs.sdk.identity.fake.CallsInternal", "uk.nhs.sdk.identity.fake.NestedTypeUse");
    }

    @Test
    void sdkCoreMayUseItsOwnInternals() {
        Module core = new Module("sdk-core", "uk.nhs.sdk.identity", classes, true);

        assertThat(ModuleBoundaries.internalReferences(core)).isEmpty();
    }

    @Test
    void findsAClassOutsideThePackageTheModuleOwns() {
        assertThat(ModuleBoundaries.outsideOwnPackage(new Module("fake", "uk.nhs.sdk.identity", jar, false)))
                .containsExactly("uk.nhs.sdk.core.Squatter");
        assertThat(ModuleBoundaries.outsideOwnPackage(new Module("fake", "uk.nhs.sdk", classes, false)))
                .isEmpty();
    }

    @Test
    void aPackageNameIsNotAPrefixOfAnother() {
        // uk.nhs.sdk.identity.fake is not inside uk.nhs.sdk.identity.fak
        assertThat(ModuleBoundaries.outsideOwnPackage(new Module("fake", "uk.nhs.sdk.identity.fak", classes, false)))
                .contains("uk.nhs.sdk.identity.fake.Clean");
    }

    private static void write(Path root, String path, String source) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
    }
}

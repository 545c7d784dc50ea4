package uk.nhs.sdk.examples.boundaries;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Reads a module's compiled main classes (a classes directory or a jar) and finds the two ways a
 * module can cross its boundary: a class outside the package the module owns, and a reference to
 * {@code uk.nhs.sdk.core.internal}, which only sdk-core may use.
 *
 * <p>A reference is found by searching the class file for the UTF-8 bytes of
 * {@code uk/nhs/sdk/core/internal/}: every class, field or method type a class names is in its
 * constant pool in that form (a compile-time constant copied from an internal class is not a
 * reference, and is not found). Results are top-level class names, so an anonymous, nested or
 * lambda class counts as the class whose source holds it.
 */
final class ModuleBoundaries {
    static final String CORE_INTERNAL = "uk/nhs/sdk/core/internal/";
    private static final byte[] CORE_INTERNAL_BYTES = CORE_INTERNAL.getBytes(StandardCharsets.UTF_8);

    private ModuleBoundaries() {}

    /**
     * One module's main classes.
     *
     * @param name the module's artifact id, for messages
     * @param ownedPackage the package all its classes live in or under, e.g. {@code uk.nhs.sdk.identity}
     * @param classes its classes directory or jar
     * @param mayUseCoreInternals true for sdk-core alone
     */
    record Module(String name, String ownedPackage, Path classes, boolean mayUseCoreInternals) {
        /**
         * The module whose main classes hold {@code marker}.
         *
         * @param name the module's artifact id
         * @param ownedPackage the package it owns
         * @param marker any main class of the module
         * @param mayUseCoreInternals true for sdk-core alone
         * @return the module
         */
        static Module of(String name, String ownedPackage, Class<?> marker, boolean mayUseCoreInternals) {
            return new Module(name, ownedPackage, location(marker), mayUseCoreInternals);
        }
    }

    /**
     * The classes directory or jar a class was loaded from.
     *
     * @param type the class
     * @return its classpath root
     */
    static Path location(Class<?> type) {
        try {
            URI location =
                    type.getProtectionDomain().getCodeSource().getLocation().toURI();
            return Path.of(location).toAbsolutePath().normalize();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("no file location for " + type.getName(), e);
        }
    }

    /**
     * The module's classes that reference sdk-core's internals (none for sdk-core itself).
     *
     * @param module the module
     * @return top-level class names, sorted
     */
    static Set<String> internalReferences(Module module) {
        Set<String> found = new TreeSet<>();
        if (module.mayUseCoreInternals()) {
            return found;
        }
        for (ClassFile c : classFiles(module.classes())) {
            if (indexOf(c.bytes(), CORE_INTERNAL_BYTES) >= 0) {
                found.add(c.topLevelName());
            }
        }
        return found;
    }

    /**
     * The module's classes that live outside the package it owns.
     *
     * @param module the module
     * @return top-level class names, sorted
     */
    static Set<String> outsideOwnPackage(Module module) {
        Set<String> found = new TreeSet<>();
        for (ClassFile c : classFiles(module.classes())) {
            if (!c.name().startsWith(module.ownedPackage() + ".")) {
                found.add(c.topLevelName());
            }
        }
        return found;
    }

    /** A class file's binary name and bytes. */
    record ClassFile(String name, byte[] bytes) {
        String topLevelName() {
            int nested = name.indexOf('$', name.lastIndexOf('.') + 1);
            return nested < 0 ? name : name.substring(0, nested);
        }
    }

    /**
     * Every class file under a classes directory or in a jar, outside {@code META-INF} (where a
     * multi-release jar keeps its versioned classes and {@code module-info}).
     *
     * @param root a directory or a jar
     * @return the class files
     */
    static List<ClassFile> classFiles(Path root) {
        try {
            return Files.isDirectory(root) ? fromDirectory(root) : fromJar(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root, e);
        }
    }

    private static List<ClassFile> fromDirectory(Path root) throws IOException {
        List<ClassFile> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String entry =
                        root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
                if (isClass(entry)) {
                    out.add(new ClassFile(binaryName(entry), Files.readAllBytes(p)));
                }
            }
        }
        return out;
    }

    private static List<ClassFile> fromJar(Path jar) throws IOException {
        List<ClassFile> out = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry e = entries.nextElement();
                if (!e.isDirectory() && isClass(e.getName())) {
                    try (InputStream in = file.getInputStream(e)) {
                        out.add(new ClassFile(binaryName(e.getName()), in.readAllBytes()));
                    }
                }
            }
        }
        return out;
    }

    private static boolean isClass(String entry) {
        return entry.endsWith(".class") && !entry.startsWith("META-INF/") && !entry.equals("module-info.class");
    }

    private static String binaryName(String entry) {
        return entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

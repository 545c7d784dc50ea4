package uk.nhs.sdk.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The patient names the testkit's fakes serve, registered with {@link PrivacyAudit#forbid} so that
 * no log line or exception message of the suite may hold one, whichever test produced it.
 */
final class SandboxSecrets {
    private static final String PATIENTS = "uk/nhs/sdk/testkit/internal/pds/patients";
    private static final String RELATED = "uk/nhs/sdk/testkit/internal/pds/related";
    private static volatile List<String> names;

    private SandboxSecrets() {}

    /**
     * Registers every given name and family name of the fake PDS's patients and related people.
     *
     * @return the names registered, sorted
     */
    static synchronized List<String> forbidPatientNames() {
        if (names == null) {
            TreeSet<String> found = new TreeSet<>();
            ObjectMapper mapper = new ObjectMapper();
            for (String folder : List.of(PATIENTS, RELATED)) {
                for (JsonNode resource : read(mapper, folder)) {
                    for (JsonNode name : resource.path("name")) {
                        add(found, name.path("family").asText(""));
                        name.path("given").forEach(g -> add(found, g.asText("")));
                    }
                }
            }
            if (found.isEmpty()) {
                throw new IllegalStateException("the testkit's PDS patients were not found under " + PATIENTS);
            }
            found.forEach(PrivacyAudit::forbid);
            names = List.copyOf(found);
        }
        return names;
    }

    private static void add(TreeSet<String> found, String name) {
        if (name.length() >= 4) {
            found.add(name);
        }
    }

    private static List<JsonNode> read(ObjectMapper mapper, String folder) {
        URL url = SandboxSecrets.class.getClassLoader().getResource(folder);
        if (url == null) {
            return List.of();
        }
        List<JsonNode> out = new ArrayList<>();
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                readAll(mapper, fs.provider().getPath(uri), out);
            } else {
                readAll(mapper, Path.of(uri), out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static void readAll(ObjectMapper mapper, Path dir, List<JsonNode> out) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>)
                    files.filter(f -> f.toString().endsWith(".json")).sorted()::iterator) {
                try (InputStream in = Files.newInputStream(p)) {
                    out.add(mapper.readTree(in));
                }
            }
        }
    }
}

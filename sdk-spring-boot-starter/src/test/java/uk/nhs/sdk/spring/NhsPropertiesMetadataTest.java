package uk.nhs.sdk.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The configuration processor's metadata documents every property of {@link NhsProperties}: each
 * bean property reachable from it appears, with a description, so IDEs complete and explain them.
 */
class NhsPropertiesMetadataTest {

    private static JsonNode metadata() throws Exception {
        try (InputStream in = NhsProperties.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("generated metadata on the classpath").isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void everyPropertyHasADescription() throws Exception {
        List<String> undocumented = new ArrayList<>();
        for (JsonNode p : metadata().get("properties")) {
            if (!p.hasNonNull("description") || p.get("description").asText().isBlank()) {
                undocumented.add(p.get("name").asText());
            }
        }
        assertThat(undocumented).isEmpty();
    }

    @Test
    void everyBoundPropertyIsInTheMetadata() throws Exception {
        Set<String> documented = new TreeSet<>();
        for (JsonNode p : metadata().get("properties")) {
            documented.add(p.get("name").asText());
        }
        Set<String> bound = new TreeSet<>();
        collect(NhsProperties.PREFIX, NhsProperties.class, bound);
        assertThat(bound).hasSizeGreaterThan(40);
        assertThat(documented).containsAll(bound);
    }

    @Test
    void theEnvironmentHasValueHints() throws Exception {
        List<String> values = new ArrayList<>();
        for (JsonNode hint : metadata().get("hints")) {
            if (hint.get("name").asText().equals("nhs.environment")) {
                hint.get("values").forEach(v -> values.add(v.get("value").asText()));
            }
        }
        assertThat(values).containsExactly("sandbox", "integration", "production");
    }

    /** The leaf properties of a bean, by their kebab-case names: nested SDK types are walked into. */
    private static void collect(String prefix, Class<?> type, Set<String> out) throws Exception {
        for (PropertyDescriptor d : Introspector.getBeanInfo(type, Object.class).getPropertyDescriptors()) {
            String name = prefix + "." + kebab(d.getName());
            Class<?> t = d.getPropertyType();
            if (t.getName().startsWith("uk.nhs.sdk.spring.")) {
                collect(name, t, out);
            } else {
                out.add(name);
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}

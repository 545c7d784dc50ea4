package uk.nhs.sdk.testkit.internal.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import uk.nhs.sdk.testkit.internal.Json;

/**
 * The API Platform OAuth2 server's error bodies, from the catalogue compiled from its source
 * ({@code api-platform-token-errors.json} beside this class).
 */
final class OAuthErrors {
    private static final Map<String, Entry> BY_DESCRIPTION = load();

    private OAuthErrors() {
    }

    /** One refusal: the status and the body the real server sends. */
    static final class Entry {
        final int status;
        final String error;
        final String description;

        Entry(int status, String error, String description) {
            this.status = status;
            this.error = error;
            this.description = description;
        }

        String body() {
            Map<String, String> b = new LinkedHashMap<>();
            b.put("error", error);
            b.put("error_description", description);
            b.put("message_id", "rrt-" + UUID.randomUUID());
            return Json.write(b);
        }
    }

    /**
     * The catalogue entry with exactly this description.
     *
     * @param description the {@code error_description}
     * @return the entry
     * @throws IllegalStateException when the catalogue has no such entry (a bug in the fake)
     */
    static Entry byDescription(String description) {
        Entry e = BY_DESCRIPTION.get(description);
        if (e == null) {
            throw new IllegalStateException("no catalogue entry: " + description);
        }
        return e;
    }

    private static Map<String, Entry> load() {
        try (InputStream in = OAuthErrors.class.getResourceAsStream("api-platform-token-errors.json")) {
            if (in == null) {
                throw new IllegalStateException("api-platform-token-errors.json is missing from the classpath");
            }
            JsonNode root = Json.tree(in.readAllBytes());
            Map<String, Entry> out = new LinkedHashMap<>();
            for (JsonNode n : root.path("errors")) {
                int status = n.path("http_status").isInt() ? n.path("http_status").asInt() : 401;
                Entry e = new Entry(status, n.path("error").asText(), n.path("error_description").asText());
                out.putIfAbsent(e.description, e);
            }
            return Map.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

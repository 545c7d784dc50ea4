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
 * ({@code api-platform-token-errors.json} beside this class, and {@code token-exchange-errors.json}
 * for the token exchange's subject-token refusals), and the few refusals the catalogue lacks.
 */
final class OAuthErrors {
    private static final Map<String, Entry> BY_DESCRIPTION = load();

    private OAuthErrors() {}

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

    /**
     * A refusal the catalogue does not list, such as a missing parameter of {@code /oauth2/authorize}.
     *
     * @param status the status
     * @param error the {@code error}
     * @param description the {@code error_description}
     * @return the entry
     */
    static Entry other(int status, String error, String description) {
        return new Entry(status, error, description);
    }

    private static Map<String, Entry> load() {
        Map<String, Entry> out = new LinkedHashMap<>();
        load("api-platform-token-errors.json", out);
        load("token-exchange-errors.json", out);
        return Map.copyOf(out);
    }

    private static void load(String file, Map<String, Entry> out) {
        try (InputStream in = OAuthErrors.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException(file + " is missing from the classpath");
            }
            JsonNode root = Json.tree(in.readAllBytes());
            for (JsonNode n : root.path("errors")) {
                int status =
                        n.path("http_status").isInt() ? n.path("http_status").asInt() : 401;
                Entry e = new Entry(
                        status,
                        n.path("error").asText(),
                        n.path("error_description").asText());
                out.putIfAbsent(e.description, e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package uk.nhs.sdk.identity.pds;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads the PDS test data under {@code src/test/resources/pds} (sources in its README). */
final class PdsTestData {
    private PdsTestData() {}

    static String text(String path) {
        try (InputStream in = PdsTestData.class.getResourceAsStream("/pds/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource pds/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A captured sandbox exchange for WireMock: its status, its headers ({@code content-length} and
     * {@code server} left to WireMock; WireMock's Jetty sends only the last of the two captured
     * {@code content-type} values, so {@link RawExchangeServer} replays those byte for byte), and its
     * body.
     */
    static ResponseDefinitionBuilder captured(String name) {
        String[] lines = text("captured/" + name + ".headers.txt").split("\r?\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String n = lines[i].substring(0, colon).strip();
            String lower = n.toLowerCase(Locale.ROOT);
            if (lower.equals("content-length") || lower.equals("server")) {
                continue;
            }
            headers.computeIfAbsent(n, k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).strip());
        }
        ResponseDefinitionBuilder r = aResponse().withStatus(status).withBody(text("captured/" + name + ".body.json"));
        headers.forEach((n, v) -> r.withHeader(n, v.toArray(new String[0])));
        return r;
    }

    /** A FHIR JSON answer with a body from the test data. */
    static ResponseDefinitionBuilder fhir(int status, String path) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/fhir+json")
                .withBody(text(path));
    }
}

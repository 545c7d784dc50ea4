package uk.nhs.sdk.messaging.mesh;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One captured MESH sandbox exchange from {@code src/test/resources/mesh/examples} (see the README
 * there): the curl request and the raw response, turned into a WireMock response.
 */
final class CapturedExchange {
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    final String method;
    final URI url;
    final List<Map.Entry<String, String>> requestHeaders = new ArrayList<>();
    final String requestBody;
    final int status;
    final List<Map.Entry<String, String>> responseHeaders = new ArrayList<>();
    final byte[] body;

    private CapturedExchange(String text) {
        int split = text.indexOf("### response");
        String request = text.substring(0, split);
        String method = null;
        URI url = null;
        String data = null;
        Matcher m = QUOTED.matcher(request);
        List<String> tokens = new ArrayList<>();
        while (m.find()) {
            tokens.add(m.group(1));
        }
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (t.equals("-X")) {
                method = tokens.get(++i);
            } else if (t.equals("-I")) {
                method = "HEAD";
            } else if (t.equals("-H")) {
                String h = tokens.get(++i);
                int c = h.indexOf(':');
                requestHeaders.add(new AbstractMap.SimpleImmutableEntry<>(
                        h.substring(0, c), h.substring(c + 1).strip()));
            } else if (t.equals("--data-binary")) {
                data = tokens.get(++i);
            } else if (t.startsWith("http")) {
                url = URI.create(t);
            }
        }
        this.method = method != null ? method : data != null ? "POST" : "GET";
        this.url = url;
        this.requestBody = data;

        byte[] raw = text.substring(split + "### response".length()).getBytes(StandardCharsets.UTF_8);
        String head = new String(raw, StandardCharsets.UTF_8).stripLeading();
        int headerEnd = head.indexOf("\n\n");
        String[] lines = head.substring(0, headerEnd).split("\n");
        this.status = Integer.parseInt(lines[0].split(" ")[1]);
        int length = -1;
        for (String line : Arrays.copyOfRange(lines, 1, lines.length)) {
            int c = line.indexOf(':');
            String name = line.substring(0, c).strip();
            String value = line.substring(c + 1).strip();
            if (name.equalsIgnoreCase("content-length")) {
                length = Integer.parseInt(value);
            } else {
                responseHeaders.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
            }
        }
        byte[] rest = head.substring(headerEnd + 2).getBytes(StandardCharsets.UTF_8);
        this.body = Arrays.copyOf(rest, length < 0 ? 0 : length);
    }

    static CapturedExchange load(String name) {
        try (InputStream in = CapturedExchange.class.getResourceAsStream("/mesh/examples/" + name + ".txt")) {
            if (in == null) {
                throw new IllegalArgumentException("no captured exchange " + name);
            }
            return new CapturedExchange(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The request path (no query). */
    String path() {
        return url.getRawPath();
    }

    Optional<String> requestHeader(String name) {
        return requestHeaders.stream()
                .filter(h -> h.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    Optional<String> responseHeader(String name) {
        return responseHeaders.stream()
                .filter(h -> h.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The captured response as a WireMock response. */
    ResponseDefinitionBuilder response() {
        ResponseDefinitionBuilder b = aResponse().withStatus(status);
        for (Map.Entry<String, String> h : responseHeaders) {
            b.withHeader(h.getKey(), h.getValue());
        }
        return body.length == 0 ? b : b.withBody(body);
    }

    /**
     * The captured response with one header replaced, or removed when {@code value} is null.
     */
    ResponseDefinitionBuilder responseWith(String header, String value) {
        ResponseDefinitionBuilder b = aResponse().withStatus(status);
        for (Map.Entry<String, String> h : responseHeaders) {
            if (!h.getKey().equalsIgnoreCase(header)) {
                b.withHeader(h.getKey(), h.getValue());
            }
        }
        if (value != null) {
            b.withHeader(header, value);
        }
        return body.length == 0 ? b : b.withBody(body);
    }
}

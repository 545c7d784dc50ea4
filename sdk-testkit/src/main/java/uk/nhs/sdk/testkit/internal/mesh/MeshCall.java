package uk.nhs.sdk.testkit.internal.mesh;

import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.nhs.sdk.testkit.internal.RequestTarget;

/**
 * One request to the MESH fake, parsed: method, decoded path segments, query parameters, headers
 * by case-insensitive name, and the API version the {@code Accept} header asks for (1 when absent
 * or plain JSON, 2 for {@code application/vnd.mesh.v2+json}; a malformed {@code vnd.mesh} value
 * is refused with 400, as MESH does).
 */
final class MeshCall {
    private static final Pattern MESH_MEDIA_TYPE = Pattern.compile("^application/vnd\\.mesh\\.v(\\d+)\\+json$");

    private final String method;
    private final List<String> segments;
    private final Map<String, String> query;
    private final Map<String, String> headers;
    private int apiVersion;

    private MeshCall(Request request) {
        this.method = request.getMethod().getName().toUpperCase(Locale.ROOT);
        String url = request.getUrl();
        List<String> s = new ArrayList<>();
        for (String part : RequestTarget.rawPath(url).split("/")) {
            if (!part.isEmpty()) {
                s.add(URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        this.segments = Collections.unmodifiableList(s);
        Map<String, String> q = new LinkedHashMap<>();
        String raw = RequestTarget.rawQuery(url);
        if (!raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                q.putIfAbsent(k, v);
            }
        }
        this.query = Collections.unmodifiableMap(q);
        Map<String, String> h = new LinkedHashMap<>();
        for (HttpHeader header : request.getHeaders().all()) {
            h.putIfAbsent(header.key().toLowerCase(Locale.ROOT), header.firstValue());
        }
        this.headers = Collections.unmodifiableMap(h);
    }

    /**
     * Parses a request. The API version is read lazily by {@link #apiVersion()}.
     */
    static MeshCall of(Request request) {
        return new MeshCall(request);
    }

    /**
     * Reads the {@code Accept} header; throws the 400 refusal when a {@code vnd.mesh} value is
     * malformed.
     */
    void readApiVersion() {
        int version = 1;
        String accept = headers.get("accept");
        if (accept != null) {
            for (String part : accept.split("[,;]")) {
                String p = part.strip().toLowerCase(Locale.ROOT);
                Matcher m = MESH_MEDIA_TYPE.matcher(p);
                if (m.matches()) {
                    int asked = m.group(1).length() > 3 ? 2 : Integer.parseInt(m.group(1));
                    version = Math.max(version, Math.min(2, asked));
                } else if (p.contains("vnd.mesh")) {
                    throw MeshErrors.refuse(400, 1, MeshError.ACCEPT_HEADER);
                }
            }
        }
        this.apiVersion = version;
    }

    String method() {
        return method;
    }

    List<String> segments() {
        return segments;
    }

    String segment(int i) {
        return segments.get(i);
    }

    Optional<String> query(String name) {
        return Optional.ofNullable(query.get(name));
    }

    Optional<String> header(String lowerCaseName) {
        return Optional.ofNullable(headers.get(lowerCaseName));
    }

    int apiVersion() {
        return apiVersion;
    }

    boolean acceptsGzip() {
        return header("accept-encoding")
                .map(v -> v.toLowerCase(Locale.ROOT).contains("gzip"))
                .orElse(false);
    }
}

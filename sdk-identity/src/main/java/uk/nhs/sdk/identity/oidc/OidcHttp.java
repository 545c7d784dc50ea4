package uk.nhs.sdk.identity.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.http.ErrorDecoder;
import uk.nhs.sdk.core.http.Idempotency;
import uk.nhs.sdk.core.http.NhsHttpClient;
import uk.nhs.sdk.core.http.NhsHttpTransport;
import uk.nhs.sdk.core.http.NhsRequest;
import uk.nhs.sdk.core.http.NhsRequestBody;
import uk.nhs.sdk.core.http.NhsResponse;

/**
 * HTTP to the absolute URLs an identity provider publishes (discovery, JWKS, token, UserInfo),
 * through the SDK pipeline: one {@link NhsHttpClient} per origin, all on one transport. Internal.
 */
final class OidcHttp implements AutoCloseable {
    /**
     * The mapper, made when JSON is first read (a holder class): a static field of OidcHttp itself
     * loaded all of Jackson databind (~490 classes, ~275 ms of a cold start) when a client was built.
     */
    static final class Mapper {
        static final ObjectMapper JSON = new ObjectMapper();

        private Mapper() {}
    }

    private final String serviceName;
    private final NhsClientOptions options;
    private final NhsHttpTransport ownedTransport;
    private final NhsHttpTransport transport;
    private final Map<String, NhsHttpClient> clients = new ConcurrentHashMap<>();

    OidcHttp(String serviceName, NhsClientOptions options, NhsHttpTransport transport) {
        this.serviceName = serviceName;
        this.options = options;
        this.ownedTransport = transport == null ? NhsHttpTransport.create(options) : null;
        this.transport = transport != null ? transport : ownedTransport;
    }

    NhsClientOptions options() {
        return options;
    }

    /** A GET; the response is buffered (closing it is a no-op). */
    NhsResponse get(URI url, String bearer) {
        NhsRequest.Builder r = NhsRequest.builder("GET", path(url)).idempotency(Idempotency.SAFE);
        if (bearer != null) {
            r.header("Authorization", "Bearer " + bearer);
        }
        query(r, url);
        return client(url).execute(r.build());
    }

    /** A form POST whose fields are computed per attempt (so a retry gets a fresh assertion). */
    NhsResponse postForm(URI url, Supplier<Map<String, String>> form, Idempotency idempotency) {
        return postForm(url, form, idempotency, new int[0]);
    }

    /**
     * A form POST, as {@link #postForm(URI, Supplier, Idempotency)}, that is also sent again after
     * the statuses given, which prove the service did not act on it.
     */
    NhsResponse postForm(URI url, Supplier<Map<String, String>> form, Idempotency idempotency, int... notApplied) {
        NhsRequest.Builder r = NhsRequest.builder("POST", path(url))
                .idempotency(idempotency)
                .body(new FormBody(form))
                .retryOnStatus(notApplied);
        query(r, url);
        return client(url).execute(r.build());
    }

    static JsonNode json(NhsResponse response) throws IOException {
        return Mapper.JSON.readTree(response.body());
    }

    private static void query(NhsRequest.Builder r, URI url) {
        String raw = url.getRawQuery();
        if (raw == null) {
            return;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            r.query(name, value);
        }
    }

    private static String path(URI url) {
        String p = url.getRawPath();
        if (p == null || p.isEmpty()) {
            return "/";
        }
        // the pipeline treats {name} as a placeholder; published endpoint paths never hold braces
        return p.replace("{", "%7B").replace("}", "%7D");
    }

    private NhsHttpClient client(URI url) {
        String origin = url.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + url.getRawAuthority();
        return clients.computeIfAbsent(
                origin,
                o -> NhsHttpClient.builder()
                        .serviceName(serviceName)
                        .baseUrl(URI.create(o))
                        .options(options)
                        .transport(transport)
                        .errorDecoder(OidcHttp::oauthError)
                        .build());
    }

    /** The OAuth2 error body {@code {"error":...}}: the code is {@code error}. */
    static ErrorDecoder.ErrorInfo oauthError(int status, uk.nhs.sdk.core.http.NhsHeaders headers, byte[] body) {
        try {
            JsonNode n = Mapper.JSON.readTree(body);
            JsonNode e = n == null ? null : n.get("error");
            String code = e != null && e.isTextual() && e.asText().matches("[A-Za-z0-9_.:-]{1,64}") ? e.asText() : null;
            return code == null ? ErrorDecoder.ErrorInfo.none() : ErrorDecoder.ErrorInfo.of(code, null);
        } catch (IOException | RuntimeException ex) {
            return ErrorDecoder.ErrorInfo.none();
        }
    }

    @Override
    public void close() {
        clients.values().forEach(NhsHttpClient::close);
        if (ownedTransport != null) {
            ownedTransport.close();
        }
    }

    /** An urlencoded form computed each time it is written. */
    private static final class FormBody extends NhsRequestBody {
        private final Supplier<Map<String, String>> form;

        FormBody(Supplier<Map<String, String>> form) {
            super("application/x-www-form-urlencoded");
            this.form = form;
        }

        @Override
        public long contentLength() {
            return -1;
        }

        @Override
        public boolean replayable() {
            return true;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            StringJoiner j = new StringJoiner("&");
            form.get()
                    .forEach((k, v) -> j.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(v, StandardCharsets.UTF_8)));
            out.write(j.toString().getBytes(StandardCharsets.US_ASCII));
        }
    }
}

package uk.nhs.sdk.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import uk.nhs.sdk.core.Secret;

/**
 * A small MESH client for the fake's tests, written from the specification on the JDK's HTTP
 * client: it signs each request with a fresh NHSMESH header (its own HMAC, independent of the
 * fake's verifier) and asks for API v2 unless a test sets {@code Accept}.
 */
final class MeshHttp {
    static final String V2 = "application/vnd.mesh.v2+json";
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final NhsSandbox sandbox;
    private final Clock clock;
    private final Secret sharedKey;

    MeshHttp(NhsSandbox sandbox, Clock clock) {
        this(sandbox, clock, sandbox.meshSharedKey());
    }

    MeshHttp(NhsSandbox sandbox, Clock clock, Secret sharedKey) {
        this.sandbox = sandbox;
        this.clock = clock;
        this.sharedKey = sharedKey;
    }

    static String hmacHex(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] h = mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
            StringBuilder b = new StringBuilder();
            for (byte x : h) {
                b.append(String.format("%02x", x));
            }
            return b.toString();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String header(String key, String mailbox, String password, String nonce, String count, String timestamp) {
        String hash = hmacHex(key, mailbox + ":" + nonce + ":" + count + ":" + password + ":" + timestamp);
        return "NHSMESH " + mailbox + ":" + nonce + ":" + count + ":" + timestamp + ":" + hash;
    }

    String timestampNow() {
        return TIMESTAMP.format(clock.instant());
    }

    /** A fresh, valid header for a mailbox the sandbox knows. */
    String authorization(String mailbox) {
        return header(
                sharedKey.reveal(),
                mailbox,
                password(mailbox),
                UUID.randomUUID().toString(),
                "0",
                timestampNow());
    }

    String password(String mailbox) {
        return sandbox.meshMailboxes().stream()
                .filter(m -> m.id().equals(mailbox))
                .findFirst()
                .map(m -> m.password().reveal())
                .orElse("unknown");
    }

    Call call(String method, String path) {
        return new Call(method, path);
    }

    HttpResponse<byte[]> get(String mailbox, String path) {
        return call("GET", path).as(mailbox).send();
    }

    /** One request being built. */
    final class Call {
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private byte[] body = new byte[0];

        Call(String method, String path) {
            this.method = method;
            this.path = path;
            headers.put("Accept", V2);
        }

        Call as(String mailbox) {
            headers.put("Authorization", authorization(mailbox));
            return this;
        }

        Call header(String name, String value) {
            if (value == null) {
                headers.remove(name);
            } else {
                headers.put(name, value);
            }
            return this;
        }

        Call body(byte[] value) {
            this.body = value;
            return this;
        }

        Call body(String value) {
            return body(value.getBytes(StandardCharsets.UTF_8));
        }

        HttpResponse<byte[]> send() {
            return send(HttpResponse.BodyHandlers.ofByteArray());
        }

        <T> HttpResponse<T> send(HttpResponse.BodyHandler<T> handler) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sandbox.meshBaseUrl() + path));
            headers.forEach(b::header);
            b.method(
                    method,
                    body.length == 0 && (method.equals("GET") || method.equals("HEAD"))
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            try {
                return HTTP.send(b.build(), handler);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }
}

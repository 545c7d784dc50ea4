package uk.nhs.sdk.core.http;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.internal.http.HeaderValues;
import uk.nhs.sdk.core.internal.http.PercentEncoding;
import uk.nhs.sdk.core.internal.http.RequestIds;

/**
 * One logical call: method, path template with its parameters, query, headers, body and
 * idempotency. The path template (such as {@code /Patient/{id}}) is what logs show; parameter
 * and query values are never logged.
 */
public final class NhsRequest {
    private final String method;
    private final String pathTemplate;
    private final Map<String, String> pathParams;
    private final List<Map.Entry<String, String>> query;
    private final List<Map.Entry<String, String>> headers;
    private final NhsRequestBody body;
    private final Idempotency idempotency;
    private final String requestId;
    private final String correlationId;
    private final String reconcileId;
    private final boolean streamingResponse;
    private final Set<Integer> retryOnStatuses;

    private NhsRequest(Builder b) {
        this.method = b.method;
        this.pathTemplate = b.pathTemplate;
        // copies only of what was set: most requests have no query, no headers, no extra statuses
        this.pathParams = b.pathParams.isEmpty() ? Map.of() : Map.copyOf(b.pathParams);
        this.query = b.query.isEmpty() ? List.of() : List.copyOf(b.query);
        this.headers = b.headers.isEmpty() ? List.of() : List.copyOf(b.headers);
        this.body = b.body;
        this.idempotency = b.idempotency != null
                ? b.idempotency
                : ("GET".equals(b.method) || "HEAD".equals(b.method) ? Idempotency.SAFE : Idempotency.NONE);
        this.requestId = b.requestId != null ? b.requestId : RequestIds.random();
        this.correlationId = b.correlationId;
        this.reconcileId = b.reconcileId;
        this.streamingResponse = b.streamingResponse;
        this.retryOnStatuses = b.retryOnStatuses == null ? Set.of() : Set.copyOf(b.retryOnStatuses);
        for (int i = placeholderStart(pathTemplate, 0);
                i >= 0;
                i = placeholderStart(pathTemplate, placeholderEnd(pathTemplate, i) + 1)) {
            String name = pathTemplate.substring(i + 1, placeholderEnd(pathTemplate, i));
            if (!pathParams.containsKey(name)) {
                throw new NhsValidationException("pathParam", "no value for path parameter {" + name + "}");
            }
        }
    }

    /**
     * Where the next {@code {name}} placeholder (a name of {@code A-Z a-z 0-9 _}) starts at or
     * after {@code from}; a brace that starts none is literal text. Scanned by hand: every call
     * of every client goes through here.
     *
     * @return the index of its {@code {}, or -1
     */
    private static int placeholderStart(String t, int from) {
        for (int i = t.indexOf('{', from); i >= 0; i = t.indexOf('{', i + 1)) {
            if (placeholderEnd(t, i) > 0) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the {@code }} closing a placeholder whose {@code {} is at {@code open}, or -1. */
    private static int placeholderEnd(String t, int open) {
        int j = open + 1;
        while (j < t.length() && nameChar(t.charAt(j))) {
            j++;
        }
        return j > open + 1 && j < t.length() && t.charAt(j) == '}' ? j : -1;
    }

    private static boolean nameChar(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_';
    }

    /**
     * Starts a request.
     *
     * @param method the HTTP method, such as {@code GET}
     * @param pathTemplate the path below the client's base URL, with {@code {name}} placeholders
     * @return the builder
     */
    public static Builder builder(String method, String pathTemplate) {
        return new Builder(method, pathTemplate);
    }

    /**
     * The HTTP method.
     *
     * @return the method in upper case
     */
    public String method() {
        return method;
    }

    /**
     * The path template, as logged.
     *
     * @return for example {@code /Patient/{id}}
     */
    public String pathTemplate() {
        return pathTemplate;
    }

    /**
     * The path with its parameters percent-encoded in place (RFC 3986: all but
     * {@code A-Z a-z 0-9 - . _ ~} encoded, a space as {@code %20}).
     *
     * @return the encoded path
     */
    public String encodedPath() {
        int i = placeholderStart(pathTemplate, 0);
        if (i < 0) {
            return pathTemplate;
        }
        StringBuilder sb = new StringBuilder(pathTemplate.length() + 16);
        int done = 0;
        for (; i >= 0; i = placeholderStart(pathTemplate, done)) {
            int end = placeholderEnd(pathTemplate, i);
            String value = pathParams.get(pathTemplate.substring(i + 1, end));
            sb.append(pathTemplate, done, i).append(PercentEncoding.encode(value));
            done = end + 1;
        }
        return sb.append(pathTemplate, done, pathTemplate.length()).toString();
    }

    /**
     * The query parameters, in order.
     *
     * @return an unmodifiable list of name/value pairs
     */
    public List<Map.Entry<String, String>> query() {
        return query;
    }

    /**
     * The request's own headers, in order.
     *
     * @return an unmodifiable list of name/value pairs
     */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /**
     * The body.
     *
     * @return the body, if any
     */
    public Optional<NhsRequestBody> body() {
        return Optional.ofNullable(body);
    }

    /**
     * The idempotency, which decides what is retried.
     *
     * @return the idempotency
     */
    public Idempotency idempotency() {
        return idempotency;
    }

    /**
     * The {@code X-Request-ID}, the same on every attempt.
     *
     * @return the request id
     */
    public String requestId() {
        return requestId;
    }

    /**
     * The {@code X-Correlation-ID} for this call, overriding the client's.
     *
     * @return the correlation id, if set
     */
    public Optional<String> correlationId() {
        return Optional.ofNullable(correlationId);
    }

    /**
     * The id a caller reconciles an unknown outcome with (for MESH sends, the local id).
     *
     * @return the id, if set
     */
    public Optional<String> reconcileId() {
        return Optional.ofNullable(reconcileId);
    }

    /**
     * Whether the response body is streamed to the caller rather than buffered.
     *
     * @return {@code true} for streamed responses
     */
    public boolean streamingResponse() {
        return streamingResponse;
    }

    /**
     * Statuses that prove the service did not apply the request, so that even a
     * {@link Idempotency#NONE} request is retried on them (for example MESH's 429 and 503 to a
     * message send).
     *
     * @return an unmodifiable set, empty by default
     */
    public Set<Integer> retryOnStatuses() {
        return retryOnStatuses;
    }

    /**
     * Only the method and template: values can carry patient data.
     *
     * @return for example {@code GET /Patient/{id}}
     */
    @Override
    public String toString() {
        return method + " " + pathTemplate;
    }

    /**
     * Builds an {@link NhsRequest}.
     */
    public static final class Builder {
        private final String method;
        private final String pathTemplate;
        private final Map<String, String> pathParams = new LinkedHashMap<>();
        private final List<Map.Entry<String, String>> query = new ArrayList<>();
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();
        private NhsRequestBody body;
        private Idempotency idempotency;
        private String requestId;
        private String correlationId;
        private String reconcileId;
        private boolean streamingResponse;
        private Set<Integer> retryOnStatuses;

        private Builder(String method, String pathTemplate) {
            this.method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
            this.pathTemplate = Objects.requireNonNull(pathTemplate, "pathTemplate");
            if (!HeaderValues.isName(this.method)) {
                throw new NhsValidationException("method", "must be an HTTP token, such as GET");
            }
            if (!pathTemplate.startsWith("/")) {
                throw new NhsValidationException("pathTemplate", "must start with /");
            }
        }

        /**
         * Sets a path parameter.
         *
         * @param name the placeholder name
         * @param value the value, percent-encoded when the path is built; not empty, {@code .} or
         *     {@code ..}, which would address another resource (the collection, or the parent)
         * @return this builder
         * @throws NhsValidationException when the value is empty, {@code .} or {@code ..}
         */
        public Builder pathParam(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (value.isEmpty() || value.equals(".") || value.equals("..")) {
                throw new NhsValidationException(
                        "pathParam", "the value of {" + name + "} must not be empty, '.' or '..'");
            }
            pathParams.put(name, value);
            return this;
        }

        /**
         * Adds a query parameter (repeatable).
         *
         * @param name the name
         * @param value the raw value; sent percent-encoded per RFC 3986 (a space as {@code %20},
         *     {@code *} as {@code %2A})
         * @return this builder
         */
        public Builder query(String name, String value) {
            query.add(new AbstractMap.SimpleImmutableEntry<>(
                    Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value")));
            return this;
        }

        /**
         * Adds a header.
         *
         * @param name the name, an HTTP token
         * @param value the value: visible ASCII and spaces, at most 8,192 characters
         * @return this builder
         * @throws NhsValidationException when the name or value cannot be sent in a header
         */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            HeaderValues.check("header", name, value);
            headers.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
            return this;
        }

        /**
         * Sets the body.
         *
         * @param value the body
         * @return this builder
         */
        public Builder body(NhsRequestBody value) {
            this.body = Objects.requireNonNull(value, "body");
            return this;
        }

        /**
         * Sets the idempotency (default {@link Idempotency#SAFE} for GET and HEAD, otherwise
         * {@link Idempotency#NONE}).
         *
         * @param value the idempotency
         * @return this builder
         */
        public Builder idempotency(Idempotency value) {
            this.idempotency = Objects.requireNonNull(value, "idempotency");
            return this;
        }

        /**
         * Sets the {@code X-Request-ID} (default: a fresh random UUID).
         *
         * @param value the request id
         * @return this builder
         */
        public Builder requestId(String value) {
            this.requestId = Objects.requireNonNull(value, "requestId");
            return this;
        }

        /**
         * Sets the {@code X-Correlation-ID} for this call.
         *
         * @param value the correlation id: 1 to 8,192 visible ASCII characters or spaces, or
         *     {@code null} for the client's
         * @return this builder
         * @throws NhsValidationException when the id cannot be sent in a header
         */
        public Builder correlationId(String value) {
            this.correlationId = correlationIdOrNull(value);
            return this;
        }

        /**
         * Sets the id to reconcile an unknown outcome with.
         *
         * @param value the id, such as a MESH local id
         * @return this builder
         */
        public Builder reconcileId(String value) {
            this.reconcileId = value;
            return this;
        }

        /**
         * Streams the response body instead of buffering it; the caller must close the response.
         *
         * @param value whether to stream
         * @return this builder
         */
        public Builder streamingResponse(boolean value) {
            this.streamingResponse = value;
            return this;
        }

        /**
         * Declares statuses that prove the service did not apply the request: the retry policy
         * then retries even a {@link Idempotency#NONE} request on them (still honouring
         * {@code Retry-After}, backoff, the retry budget and the deadline).
         *
         * @param statuses HTTP statuses from 400 to 599
         * @return this builder
         */
        public Builder retryOnStatus(int... statuses) {
            for (int s : statuses) {
                if (s < 400 || s > 599) {
                    throw new NhsValidationException("retryOnStatus", "takes 4xx and 5xx statuses");
                }
                if (retryOnStatuses == null) {
                    retryOnStatuses = new java.util.HashSet<>();
                }
                retryOnStatuses.add(s);
            }
            return this;
        }

        /** A correlation id as given, refused when it cannot be sent in a header. */
        static String correlationIdOrNull(String value) {
            if (value != null && (value.isEmpty() || !HeaderValues.isValue(value))) {
                throw new NhsValidationException(
                        "correlationId", "must be 1 to 8192 visible ASCII characters or spaces");
            }
            return value;
        }

        /**
         * Builds the request.
         *
         * @return the request
         * @throws NhsValidationException when a placeholder has no value, or a GET or HEAD request
         *     has a body
         */
        public NhsRequest build() {
            if (body != null && ("GET".equals(method) || "HEAD".equals(method))) {
                throw new NhsValidationException("body", "a " + method + " request has no body");
            }
            return new NhsRequest(this);
        }
    }
}

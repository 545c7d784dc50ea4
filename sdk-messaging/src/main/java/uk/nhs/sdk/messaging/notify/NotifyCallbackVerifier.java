package uk.nhs.sdk.messaging.notify;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.error.NhsConfigurationException;
import uk.nhs.sdk.messaging.notify.internal.CallbackBodies;
import uk.nhs.sdk.messaging.notify.internal.Hmac;

/**
 * Verifies the callbacks NHS Notify POSTs to your endpoint (APIDescription.md, "Receive a
 * callback") and reads their events. Framework-neutral: give it the request's headers and its
 * raw body bytes (exactly as received: the signature is over those bytes) and answer with
 * {@link NotifyCallbackResult#status()}.
 *
 * <pre>{@code
 * NotifyCallbackVerifier verifier = NotifyCallbackVerifier.builder()
 *     .applicationId(appId).apiKey(Secret.of(apiKey))
 *     .deduplicator(NotifyCallbackDeduplicator.bounded(100_000)).build();
 * NotifyCallbackResult r = verifier.verify(headers, body);
 * r.events().forEach(tracker::apply);
 * return r.status(); // 202, 401, 403 or 400
 * }</pre>
 *
 * <ol>
 *   <li>{@code x-api-key} must equal the expected key (by default the API key), else 401.</li>
 *   <li>{@code x-hmac-sha256-signature} must be the lower- or upper-case hex HMAC-SHA256 of the
 *       body with the secret {@code APPLICATION_ID.API_KEY}, compared in constant time
 *       ({@link java.security.MessageDigest#isEqual}), else 403.</li>
 *   <li>The body ({@code {"data":[...]}}) is read into {@link MessageStatusEvent}s and
 *       {@link ChannelStatusEvent}s, ignoring fields the SDK does not know; a body it cannot
 *       read is 400. With a de-duplicator, events whose {@code meta.idempotencyKey} was seen
 *       before are dropped.</li>
 * </ol>
 *
 * <p>Immutable and thread-safe. It never logs, and no result or exception quotes the body,
 * the headers or the keys.
 */
public final class NotifyCallbackVerifier {
    /** The header carrying the pre-agreed API key. */
    public static final String API_KEY_HEADER = "x-api-key";
    /** The header carrying the hex HMAC-SHA256 signature. */
    public static final String SIGNATURE_HEADER = "x-hmac-sha256-signature";

    private final Hmac hmac;
    private final byte[] expectedApiKey;
    private final NotifyCallbackStore deduplicator;

    private NotifyCallbackVerifier(Builder b) {
        this.hmac = new Hmac((b.applicationId + "." + b.apiKey.reveal()).getBytes(StandardCharsets.UTF_8));
        this.expectedApiKey = (b.expectedApiKey != null ? b.expectedApiKey : b.apiKey).revealBytes();
        this.deduplicator = b.deduplicator;
    }

    /**
     * Starts a builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Verifies a callback given all its headers.
     *
     * @param headers the request headers, names in any case
     * @param rawBody the body bytes exactly as received
     * @return the status to answer and the events
     * @throws RuntimeException what the de-duplication store throws when it cannot answer, as
     *     {@link #verify(String, String, byte[])} says
     */
    public NotifyCallbackResult verify(Map<String, ? extends List<String>> headers, byte[] rawBody) {
        Objects.requireNonNull(headers, "headers");
        return verify(
                header(headers, API_KEY_HEADER).orElse(null),
                header(headers, SIGNATURE_HEADER).orElse(null),
                rawBody);
    }

    /**
     * Verifies a callback given its two headers.
     *
     * @param apiKeyHeader the {@code x-api-key} value, or {@code null} when absent
     * @param signatureHeader the {@code x-hmac-sha256-signature} value, or {@code null} when absent
     * @param rawBody the body bytes exactly as received
     * @return the status to answer and the events
     * @throws RuntimeException what the de-duplication store throws when it cannot answer (its
     *     database is down); the keys this call had already recorded are forgotten first, so
     *     answer NHS Notify with a 5xx and it delivers the callback again
     */
    public NotifyCallbackResult verify(String apiKeyHeader, String signatureHeader, byte[] rawBody) {
        Objects.requireNonNull(rawBody, "rawBody");
        if (apiKeyHeader == null) {
            return new NotifyCallbackResult(401, "the x-api-key header is missing", List.of(), 0);
        }
        if (!Hmac.constantTimeEquals(apiKeyHeader.getBytes(StandardCharsets.UTF_8), expectedApiKey)) {
            return new NotifyCallbackResult(401, "the x-api-key header is wrong", List.of(), 0);
        }
        if (signatureHeader == null) {
            return new NotifyCallbackResult(403, "the x-hmac-sha256-signature header is missing", List.of(), 0);
        }
        if (!hmac.matchesHex(rawBody, signatureHeader)) {
            return new NotifyCallbackResult(403, "the signature does not match the body", List.of(), 0);
        }
        Optional<List<NotifyCallbackEvent>> events = CallbackBodies.parse(rawBody);
        if (events.isEmpty()) {
            return new NotifyCallbackResult(400, "the body is not an NHS Notify callback", List.of(), 0);
        }
        if (deduplicator == null) {
            return new NotifyCallbackResult(202, "accepted", events.get(), 0);
        }
        List<NotifyCallbackEvent> fresh = new java.util.ArrayList<>();
        int dup = 0;
        for (NotifyCallbackEvent e : events.get()) {
            boolean first;
            try {
                first = deduplicator.firstSeen(e.idempotencyKey());
            } catch (RuntimeException storeFailed) {
                forgetRecorded(fresh, storeFailed);
                throw storeFailed;
            }
            if (first) {
                fresh.add(e);
            } else {
                dup++;
            }
        }
        return new NotifyCallbackResult(202, dup == 0 ? "accepted" : "accepted; duplicates dropped", fresh, dup);
    }

    /** Undoes this call's records when the store failed part-way, so the retried delivery is handled. */
    private void forgetRecorded(List<NotifyCallbackEvent> recorded, RuntimeException storeFailed) {
        for (NotifyCallbackEvent e : recorded) {
            try {
                deduplicator.forget(e.idempotencyKey());
            } catch (RuntimeException alsoFailed) {
                storeFailed.addSuppressed(alsoFailed);
            }
        }
    }

    private static Optional<String> header(Map<String, ? extends List<String>> headers, String name) {
        for (Map.Entry<String, ? extends List<String>> e : headers.entrySet()) {
            if (e.getKey() != null
                    && e.getKey().toLowerCase(Locale.ROOT).equals(name)
                    && e.getValue() != null
                    && !e.getValue().isEmpty()) {
                return Optional.ofNullable(e.getValue().get(0));
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "NotifyCallbackVerifier[" + (deduplicator != null ? "de-duplicating" : "") + "]";
    }

    /**
     * Builds a {@link NotifyCallbackVerifier}.
     */
    public static final class Builder {
        private String applicationId;
        private Secret apiKey;
        private Secret expectedApiKey;
        private NotifyCallbackStore deduplicator;

        private Builder() {}

        /**
         * Sets your API Platform (APIM) application id, the first half of the HMAC secret
         * (required).
         *
         * @param value the application id
         * @return this builder
         */
        public Builder applicationId(String value) {
            this.applicationId = Objects.requireNonNull(value, "applicationId");
            return this;
        }

        /**
         * Sets the API key NHS Notify gave you, the second half of the HMAC secret (required); by
         * default also the expected {@code x-api-key} value.
         *
         * @param value the API key
         * @return this builder
         */
        public Builder apiKey(Secret value) {
            this.apiKey = Objects.requireNonNull(value, "apiKey");
            return this;
        }

        /**
         * Sets the expected {@code x-api-key} value when it differs from the API key.
         *
         * @param value the expected header value
         * @return this builder
         */
        public Builder expectedApiKeyHeader(Secret value) {
            this.expectedApiKey = Objects.requireNonNull(value, "expectedApiKeyHeader");
            return this;
        }

        /**
         * Drops events whose {@code meta.idempotencyKey} the store has seen (default: none): the
         * in-memory {@link NotifyCallbackDeduplicator}, or a store shared by every replica.
         *
         * @param value the store
         * @return this builder
         */
        public Builder deduplicator(NotifyCallbackStore value) {
            this.deduplicator = Objects.requireNonNull(value, "deduplicator");
            return this;
        }

        /**
         * Builds the verifier.
         *
         * @return the verifier
         * @throws NhsConfigurationException when the application id or the API key is missing or
         *     empty
         */
        public NotifyCallbackVerifier build() {
            if (applicationId == null
                    || applicationId.isBlank()
                    || apiKey == null
                    || apiKey.reveal().isEmpty()) {
                throw new NhsConfigurationException(
                        "NHS Notify callbacks: the application id and the API key are required");
            }
            return new NotifyCallbackVerifier(this);
        }
    }
}

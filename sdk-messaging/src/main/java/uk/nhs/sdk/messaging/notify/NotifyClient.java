package uk.nhs.sdk.messaging.notify;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import uk.nhs.sdk.core.CallOptions;
import uk.nhs.sdk.core.NhsClientBuilder;
import uk.nhs.sdk.core.NhsEnvironment;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.error.NhsDecodeException;
import uk.nhs.sdk.core.error.NhsTransportException;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.http.NhsHttpClient;
import uk.nhs.sdk.core.http.PipelinePosition;
import uk.nhs.sdk.messaging.notify.internal.EarlierAttempts;
import uk.nhs.sdk.messaging.notify.internal.NotifyErrorDecoder;

/**
 * The NHS Notify API client ({@code /comms}): send one message or a batch of any size, read a
 * message's status, and list the NHS App accounts of a GP practice.
 *
 * <pre>{@code
 * try (NotifyClient notify = NotifyClient.builder().environment(NhsEnvironment.INTEGRATION)
 *         .auth(signedJwtAuth).build()) {
 *     NotifySendResult sent = notify.send(NotifyMessage.builder(NhsNumber.parse("9990548609"))
 *         .routingPlan(RoutingPlan.SMS).personalisation("sms_body", "See you on Monday").build());
 *     NotifyMessageDetails status = notify.getMessage(sent.messageId().orElseThrow());
 * }
 * }</pre>
 *
 * <p><b>Requests.</b> Every call sends {@code Accept} and (with a body) {@code Content-Type}
 * {@code application/vnd.api+json}; request bodies carry only the fields the spec defines and
 * never a {@code null}. Bad input fails with {@link NhsValidationException} before any I/O: for
 * the seven free-text {@link RoutingPlan}s also a missing personalisation field or a field over
 * its channel's character limit.
 *
 * <p><b>Retries and duplicates.</b> Sends are de-duplicated by NHS Notify on the message (or
 * batch) reference, so they are retried like reads ({@code Idempotency.KEYED}): on connection
 * failures, timeouts, 408, 429, 425, 502, 503 and 504, with the same body bytes every time,
 * honouring {@code Retry-After} within the retry options' {@code maxRetryAfter} and the call's
 * deadline. When a retry is answered {@code 422 CM_DUPLICATE_REQUEST}, an earlier attempt
 * reached NHS Notify: the result is {@link NotifySendResult#alreadyAccepted()} with no id. That
 * holds only when an earlier attempt of the same call may have landed (no answer, 408 or 5xx);
 * on a call's first attempt, or after attempts NHS Notify refused (a 401 refreshed, 425, 429),
 * that answer is {@link NotifyDuplicateRequestException}. A connection that fails is never
 * re-sent silently by the HTTP layer: each transmission is a counted attempt, so a duplicate met
 * after a lost answer is always recognised as the call's own. A 425 or 429 whose
 * wait does not fit is {@link NotifyRetryLaterException} with {@code retryAfter()}.
 *
 * <p><b>Errors.</b> Every error status is a {@link NotifyRequestException} carrying each
 * {@code errors[]} entry's code, title and pointer, never the {@code detail} text; unreadable
 * success bodies are {@link NhsDecodeException}; connection failures
 * {@link NhsTransportException}. Unknown response fields are ignored.
 *
 * <p>Immutable and thread-safe; build once and share. Closing it releases the connection pool it
 * created.
 */
public final class NotifyClient implements AutoCloseable {
    /** The service name in logs and errors. */
    public static final String SERVICE = "NHS Notify";
    /** The media type of requests and responses. */
    public static final String MEDIA_TYPE = "application/vnd.api+json";
    /**
     * The most messages in one batch request: 45,000
     * ({@code responses/4xx/413_RequestEntityTooLarge.yaml}).
     */
    public static final int MAX_BATCH_MESSAGES = 45_000;
    /**
     * The largest batch request body, in bytes: 5,200,000. The spec says "a payload size of 5.2MB
     * (whichever is the smaller)" ({@code responses/4xx/413_RequestEntityTooLarge.yaml}); the
     * SDK reads MB as the smaller, decimal reading (10<sup>6</sup> bytes, not 2<sup>20</sup>) and
     * measures the exact UTF-8 bytes it sends.
     */
    public static final long MAX_BATCH_BYTES = 5_200_000L;

    private final NotifyCalls calls;

    NotifyClient(NotifyCalls calls) {
        this.calls = calls;
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
     * A view of this client whose calls use the given overrides (deadline, extra headers,
     * correlation id); it shares this client's connections, credentials, circuit breaker and
     * retry budget.
     *
     * @param options the overrides
     * @return the view; closing it releases nothing
     */
    public NotifyClient withCallOptions(CallOptions options) {
        return new NotifyClient(calls.withCallOptions(options));
    }

    /**
     * Releases the connection pool this client created; a transport it was given is left open.
     */
    @Override
    public void close() {
        calls.close();
    }

    /**
     * The base URL.
     *
     * @return the NHS Notify base URL, such as {@code https://int.api.service.nhs.uk/comms}
     */
    public URI baseUrl() {
        return calls.baseUrl();
    }

    /**
     * Sends one message ({@code POST /v1/messages}).
     *
     * @param message the message; its routing plan is required
     * @return the message id and reference (or, after a retry answered as a duplicate,
     *     {@link NotifySendResult#alreadyAccepted()})
     * @throws NhsValidationException when the routing plan is missing, or a free-text plan's
     *     personalisation is missing a field or over a character limit, before any I/O
     * @throws NotifyDuplicateRequestException when NHS Notify already held the reference before
     *     this call
     * @throws NotifyRetryLaterException when NHS Notify asked to wait longer than the call allows
     * @throws NotifyRequestException for any other error status
     * @throws NhsTransportException when NHS Notify could not be reached or did not answer in time
     */
    public NotifySendResult send(NotifyMessage message) {
        return calls.send(message);
    }

    /**
     * Sends any number of messages as batch requests ({@code POST /v1/message-batches}), split so
     * that each request holds at most {@link #MAX_BATCH_MESSAGES} messages and at most
     * {@link #MAX_BATCH_BYTES} bytes of serialised body, measured on the bytes actually sent. The
     * parts are numbered from 1 and named {@code <batchReference>-part-0001}, ... : the same
     * messages always split the same way, so a retried batch reuses the same references. Parts
     * are sent one at a time; the results are merged in the caller's order.
     *
     * @param routingPlanId the routing plan of every message (a message's own plan, if set,
     *     must be the same)
     * @param batchReference the caller's reference: 1 to 990 characters without control
     *     characters (room is left for the part suffix)
     * @param messages at least one message; message references must be unique within the batch
     * @return the parts and one result per message, in the caller's order
     * @throws NhsValidationException before any I/O: no messages, a duplicate message reference,
     *     a message for another routing plan, a bad batch reference, a free-text rule broken, or
     *     a single message too large for a request on its own
     * @throws NotifyBatchException when a part fails: says which parts were accepted (with ids)
     *     and which were not, and why
     */
    public NotifyBatchResult sendBatch(UUID routingPlanId, String batchReference, List<NotifyMessage> messages) {
        return calls.sendBatch(routingPlanId, batchReference, messages, false);
    }

    /**
     * Finishes a batch that failed part-way ({@link NotifyBatchException}): the same as
     * {@link #sendBatch} with the same arguments, except that a part NHS Notify already holds
     * ({@code 422 CM_DUPLICATE_REQUEST}, even on the first attempt) is reported as
     * {@link NotifyBatchPart#alreadyAccepted()} (with its messages' ids unknown) instead of
     * failing. Use it only with the arguments of the batch that failed, on a client with the same
     * {@link Builder#batchLimits batch limits}: the parts are matched to NHS Notify's by reference
     * alone, so a different split would count messages never sent as already accepted.
     *
     * @param routingPlanId the routing plan of the original batch
     * @param batchReference the original batch reference
     * @param messages the original messages, in the original order
     * @return the parts and one result per message, in the caller's order
     * @throws NhsValidationException as {@link #sendBatch} does
     * @throws NotifyBatchException when a part fails again
     */
    public NotifyBatchResult resumeBatch(UUID routingPlanId, String batchReference, List<NotifyMessage> messages) {
        return calls.sendBatch(routingPlanId, batchReference, messages, true);
    }

    /**
     * Reads a message's status, channels and timestamps ({@code GET /v1/messages/{messageId}}).
     *
     * @param messageId the message id (a KSUID: 27 letters and digits)
     * @return the message
     * @throws NhsValidationException when the id is not a KSUID, before any I/O
     * @throws NotifyRequestException with status 404 when there is no such message
     */
    public NotifyMessageDetails getMessage(String messageId) {
        return calls.getMessage(messageId);
    }

    /**
     * The NHS App accounts of a GP practice ({@code GET /channels/nhsapp/accounts}), page by page,
     * fetched lazily as the iteration advances by following {@code links.next} (only to the same
     * host) until there is none. Each iteration starts again from page 1.
     *
     * @param odsCode the practice's ODS code
     * @return the pages
     * @throws NotifyRequestException from the iterator, with status 404 for an unknown practice
     */
    public Iterable<NhsAppAccountsPage> nhsAppAccounts(OdsCode odsCode) {
        Objects.requireNonNull(odsCode, "odsCode");
        return () -> calls.accountPages(odsCode);
    }

    @Override
    public String toString() {
        return "NotifyClient[" + calls.baseUrl() + "]";
    }

    /**
     * Builds a {@link NotifyClient}: the host ({@code environment(...)}, whose API Platform
     * {@code /comms} base URL is used, or {@code baseUrl(...)}), the credentials ({@code auth(...)}:
     * the API Platform's signed-JWT auth; none for the open sandbox and the embedded fake), the
     * options, and the batch limits.
     */
    public static final class Builder extends NhsClientBuilder<Builder, NotifyClient> {
        private int maxBatchMessages = MAX_BATCH_MESSAGES;
        private long maxBatchBytes = MAX_BATCH_BYTES;

        private Builder() {
            super(SERVICE);
        }

        /**
         * The environment's NHS Notify base URL: {@code <API Platform host>/comms}.
         *
         * @param environment the environment
         * @return the base URL
         */
        @Override
        protected URI baseUrlFor(NhsEnvironment environment) {
            return environment.apiBaseUrl("comms");
        }

        /**
         * Lowers the batch limits (for a service configured with smaller ones, or a test); they
         * can never be raised above NHS Notify's.
         *
         * @param maxMessages messages per request, 1 to {@link #MAX_BATCH_MESSAGES}
         * @param maxBytes body bytes per request, 1,024 to {@link #MAX_BATCH_BYTES}
         * @return this builder
         * @throws NhsValidationException outside those ranges
         */
        public Builder batchLimits(int maxMessages, long maxBytes) {
            if (maxMessages < 1 || maxMessages > MAX_BATCH_MESSAGES) {
                throw new NhsValidationException("maxMessages", "must be 1 to 45,000");
            }
            if (maxBytes < 1024 || maxBytes > MAX_BATCH_BYTES) {
                throw new NhsValidationException("maxBytes", "must be 1,024 to 5,200,000");
            }
            this.maxBatchMessages = maxMessages;
            this.maxBatchBytes = maxBytes;
            return self();
        }

        /**
         * Builds the client.
         *
         * @return the client
         */
        @Override
        public NotifyClient build() {
            EarlierAttempts attempts = new EarlierAttempts();
            // every transmission is a counted attempt: a send silently replayed inside one attempt
            // after a reset could meet its own earlier transmission as a duplicate that the
            // attempts policy would then take for one NHS Notify held before the call
            NhsHttpClient http = httpClient()
                    .replayOnConnectionFailure(false)
                    .options(options().toBuilder()
                            .addPolicy(PipelinePosition.PER_ATTEMPT, attempts)
                            .build())
                    .errorDecoder(NotifyErrorDecoder.INSTANCE)
                    .defaultHeader("Accept", MEDIA_TYPE)
                    .build();
            return new NotifyClient(new NotifyCalls(http, options(), attempts, maxBatchMessages, maxBatchBytes));
        }
    }
}

package uk.nhs.sdk.testkit;

import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.error.NhsConfigurationException;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.testkit.internal.notify.NotifyFake;

/**
 * A handle on a sandbox's NHS Notify fake, for what a test controls beyond the API: where signed
 * status callbacks go, how fast messages change status, and when due changes are applied.
 *
 * <pre>{@code
 * SandboxNotify notify = SandboxNotify.of(sandbox);
 * notify.sendCallbacksTo(URI.create("http://127.0.0.1:8080/callbacks"), "my-app-id", Secret.of("my-api-key"));
 * // send a message, advance the sandbox's clock by a few status intervals, then:
 * notify.processStatusChanges();   // POSTs the due callbacks (the fake also does this on every request)
 * }</pre>
 *
 * <p>A message the fake accepts moves one step every {@linkplain #statusInterval(Duration) status
 * interval} (default one second) on the sandbox clock: {@code created → pending_enrichment →
 * enriched → sending → delivered}, its first channel delivered and the others skipped. Messages to
 * {@link #FAILS_ENRICHMENT} fail at enrichment; messages to {@link #CASCADES} fail on their first
 * channel and are delivered by the next. Callbacks are sent for messages accepted after
 * {@link #sendCallbacksTo(URI, String, Secret, Delivery...)}: one POST per status change, signed as
 * NHS Notify signs them; {@link NhsSandbox#reset()} and {@link NhsSandbox#close()} stop them.
 */
public final class SandboxNotify {
    /** A valid test NHS number whose messages fail at enrichment ("patient has exit code"). */
    public static final String FAILS_ENRICHMENT = "9990000018";
    /** A valid test NHS number whose messages fail on their first channel and fall back to the next. */
    public static final String CASCADES = "9990000026";

    /** How callbacks are delivered, beyond once each and in order. */
    public enum Delivery {
        /** Each callback is sent twice, with the same idempotency key. */
        DUPLICATED,
        /** The callbacks that fall due together are sent newest first. */
        OUT_OF_ORDER
    }

    private final NotifyFake fake;
    private final URI baseUrl;

    private SandboxNotify(NotifyFake fake, URI baseUrl) {
        this.fake = fake;
        this.baseUrl = baseUrl;
    }

    /**
     * The handle on a sandbox's Notify fake.
     *
     * @param sandbox the sandbox
     * @return the handle
     * @throws NhsConfigurationException when the sandbox hosts no Notify fake
     */
    public static SandboxNotify of(NhsSandbox sandbox) {
        NotifyFake fake = sandbox.context().shared(NotifyFake.class, () -> {
            throw new NhsConfigurationException("the sandbox hosts no NHS Notify fake");
        });
        return new SandboxNotify(fake, sandbox.apiBaseUrl("comms"));
    }

    /**
     * The Notify API's base URL on the sandbox, what a Notify client's {@code baseUrl(URI)} takes.
     *
     * @return for example {@code http://127.0.0.1:54321/comms}
     */
    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * Sends signed callbacks to an endpoint, with the API key as {@code x-api-key}.
     *
     * @param url the endpoint
     * @param applicationId the application id: the signature's key is {@code applicationId.apiKey}
     * @param apiKey the API key
     * @param delivery duplicated or out-of-order delivery, if wanted
     * @throws NhsValidationException when the URL is not an absolute http or https URL with a host,
     *     or the key cannot be a header value
     */
    public void sendCallbacksTo(URI url, String applicationId, Secret apiKey, Delivery... delivery) {
        sendCallbacksTo(url, applicationId, apiKey, apiKey, delivery);
    }

    /**
     * Sends signed callbacks to an endpoint, with a chosen {@code x-api-key} (to test an endpoint
     * that refuses a wrong one).
     *
     * @param url the endpoint
     * @param applicationId the application id: the signature's key is {@code applicationId.apiKey}
     * @param apiKey the API key the signature is keyed with
     * @param xApiKey the value sent as {@code x-api-key}
     * @param delivery duplicated or out-of-order delivery, if wanted
     * @throws NhsValidationException when the URL is not an absolute http or https URL with a host,
     *     or {@code xApiKey} cannot be a header value
     */
    public void sendCallbacksTo(URI url, String applicationId, Secret apiKey, Secret xApiKey, Delivery... delivery) {
        Set<Delivery> d = EnumSet.noneOf(Delivery.class);
        for (Delivery x : delivery) {
            d.add(Objects.requireNonNull(x, "delivery"));
        }
        fake.sendCallbacks(
                url,
                applicationId,
                apiKey,
                xApiKey,
                d.contains(Delivery.DUPLICATED),
                d.contains(Delivery.OUT_OF_ORDER));
    }

    /**
     * Stops sending callbacks; those queued are dropped.
     */
    public void stopCallbacks() {
        fake.stopCallbacks();
    }

    /**
     * Sets the time between a message's status changes on the sandbox clock (default one second).
     *
     * @param interval positive
     */
    public void statusInterval(Duration interval) {
        fake.statusInterval(Objects.requireNonNull(interval, "interval"));
    }

    /**
     * Applies the status changes due by the sandbox clock's time and queues their callbacks; the
     * fake also does this after every request. Callbacks are POSTed on the fake's own thread.
     *
     * @return how many callbacks were queued (before any duplication)
     */
    public int processStatusChanges() {
        return fake.processStatusChanges();
    }

    /**
     * How many callbacks the endpoint answered with a 2xx status since callbacks were registered.
     *
     * @return the count
     */
    public long callbacksAccepted() {
        return fake.callbackCounts()[0];
    }

    /**
     * How many messages the fake holds.
     *
     * @return the count
     */
    public int messageCount() {
        return fake.messageCount();
    }

    /**
     * How many messages the fake holds for each message reference, to judge that each message was
     * accepted exactly once (a message sent in a batch counts under its own reference).
     *
     * @return an unmodifiable map from message reference to count
     */
    public Map<String, Integer> messageCountsByReference() {
        return fake.messageCountsByReference();
    }

    @Override
    public String toString() {
        return "SandboxNotify[" + baseUrl + "]";
    }
}

package uk.nhs.sdk.core.internal.http;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.nhs.sdk.core.http.PipelineCall;
import uk.nhs.sdk.core.http.PipelineEvents;

/**
 * Tells every listener of a client about an event, in order; a listener that throws is logged at
 * DEBUG by class name and skipped, so it never fails a call. Internal.
 */
final class EventFanOut implements PipelineEvents {
    private static final Logger LOG = LoggerFactory.getLogger("uk.nhs.sdk.http");
    private final List<PipelineEvents> listeners;

    private EventFanOut(List<PipelineEvents> listeners) {
        this.listeners = listeners;
    }

    /** The listeners as one: {@link PipelineEvents#none()} when there are none. */
    static PipelineEvents of(List<PipelineEvents> listeners) {
        if (listeners.isEmpty()) {
            return PipelineEvents.none();
        }
        return listeners.size() == 1
                ? new EventFanOut(List.of(listeners.get(0)))
                : new EventFanOut(List.copyOf(listeners));
    }

    @Override
    public void retryScheduled(PipelineCall call, int nextAttempt, Duration wait) {
        tell(l -> l.retryScheduled(call, nextAttempt, wait));
    }

    @Override
    public void rateLimited(PipelineCall call, Duration wait, boolean granted) {
        tell(l -> l.rateLimited(call, wait, granted));
    }

    @Override
    public void circuitBreakerStateChanged(String service, String from, String to) {
        tell(l -> l.circuitBreakerStateChanged(service, from, to));
    }

    @Override
    public void tokenFetched(String service, String provider, boolean success, Duration took) {
        tell(l -> l.tokenFetched(service, provider, success, took));
    }

    /** Tells each listener in turn; events are rare (retries, waits, fetches), so a lambda per event is cheap. */
    private void tell(Consumer<PipelineEvents> event) {
        for (PipelineEvents l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                failed(l, e);
            }
        }
    }

    private static void failed(PipelineEvents listener, RuntimeException e) {
        if (LOG.isDebugEnabled()) {
            LOG.debug(
                    "pipeline event listener {} threw {}; ignored",
                    listener.getClass().getName(),
                    e.getClass().getName());
        }
    }
}

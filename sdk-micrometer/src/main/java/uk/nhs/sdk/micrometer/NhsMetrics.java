package uk.nhs.sdk.micrometer;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.error.NhsValidationException;
import uk.nhs.sdk.core.http.PipelinePosition;

/**
 * Micrometer metrics for every SDK client: a timer of calls and of attempts per service and
 * operation, and counters of retries, circuit-breaker transitions, rate-limiter waits and token
 * fetches. Tag values come from fixed, bounded sets whatever the traffic, and never from a path
 * value, query value, header, body or token.
 *
 * <pre>{@code
 * NhsMetrics metrics = NhsMetrics.of(meterRegistry);          // one per registry, shared
 * NhsClientOptions options = metrics.applyTo(NhsClientOptions.builder()).build();
 * try (PdsClient pds = PdsClient.builder().environment(NhsEnvironment.INTEGRATION)
 *         .options(options).auth(auth).build()) {
 *     pds.getPatient(nhsNumber);                              // nhs.sdk.client.calls{service=PDS, ...}
 * }
 * }</pre>
 *
 * <p>The meters, with their tags:
 * <ul>
 *   <li>{@value #CALLS} (timer): {@code service}, {@code operation}, {@code outcome},
 *       {@code status}, {@code error_code} &mdash; each logical call as its caller saw it,
 *       retries and waits included.</li>
 *   <li>{@value #ATTEMPTS} (timer): {@code service}, {@code operation}, {@code outcome},
 *       {@code status} &mdash; each HTTP exchange, until its response headers (or failure).</li>
 *   <li>{@value #RETRIES} (counter): {@code service}, {@code operation}, and the {@code outcome}
 *       and {@code status} of the attempt being retried.</li>
 *   <li>{@value #CIRCUIT_TRANSITIONS} (counter): {@code service}, {@code from}, {@code to}.</li>
 *   <li>{@value #RATE_LIMITER_WAITS} (timer of the wait): {@code service}, {@code operation},
 *       {@code outcome} ({@code granted} or {@code refused}).</li>
 *   <li>{@value #TOKEN_FETCHES} (timer of the fetch): {@code service}, {@code provider},
 *       {@code outcome} ({@code success} or {@code failure}).</li>
 * </ul>
 *
 * <p>Tag values: {@code service} is the client's service name ({@code PDS}, {@code MESH}, ...;
 * the first 32 distinct, then {@code other}); {@code operation} is {@code <METHOD> <path template>}
 * such as {@code GET /Patient/{id}}, never the real path (the first 64 distinct per service, then
 * {@code other}; a template that could hold a value is {@code other} at once); {@code outcome} is
 * one of {@code success}, {@code redirection}, {@code client_error}, {@code server_error},
 * {@code timeout}, {@code transport}, {@code outcome_unknown}, {@code rejected} (the circuit
 * breaker or rate limiter refused the call, so nothing was sent), {@code decode}, {@code other};
 * {@code status} is the HTTP status when it is one the NHS APIs document, else its class
 * ({@code 4xx}), or {@code none} when no response came; {@code error_code} is the NHS error code of a service error when it is
 * one the services document ({@code RESOURCE_NOT_FOUND}, {@code CM_QUOTA}, MESH's {@code 12},
 * {@code invalid_client}, ...), {@code other} for any other code, or {@code none}. A service
 * holds at most 1,000 distinct tag combinations per meter; later combinations are recorded with
 * {@code operation}, {@code error_code} set to {@code other} and {@code status} to its class.
 *
 * <p>Thread-safe. Meters are registered on first use and cached, so recording is a map lookup; a
 * meter the registry removes is registered again on its next use. Meter filters apply as the
 * registry applies them: when a meter is first registered (so configure them before the first
 * call); once the registry is closed, a new tag combination gets the registry's no-op meter, as
 * any other caller's would.
 * Apply it once per options builder (twice would count everything twice). Recording never fails a
 * call: a registry that throws is logged at DEBUG and ignored.
 */
public final class NhsMetrics {
    /** The timer of calls. */
    public static final String CALLS = "nhs.sdk.client.calls";
    /** The timer of attempts. */
    public static final String ATTEMPTS = "nhs.sdk.client.attempts";
    /** The counter of retries. */
    public static final String RETRIES = "nhs.sdk.client.retries";
    /** The counter of circuit-breaker state transitions. */
    public static final String CIRCUIT_TRANSITIONS = "nhs.sdk.client.circuit.transitions";
    /** The timer of rate-limiter waits (granted and refused). */
    public static final String RATE_LIMITER_WAITS = "nhs.sdk.client.ratelimiter.waits";
    /** The timer of token fetches. */
    public static final String TOKEN_FETCHES = "nhs.sdk.client.token.fetches";

    /** Distinct services with a tag value of their own. */
    static final int MAX_SERVICES = 32;
    /** Distinct token providers with a tag value of their own. */
    static final int MAX_PROVIDERS = 16;

    private static final Logger LOG = LoggerFactory.getLogger(NhsMetrics.class);
    private static final Set<String> CIRCUIT_STATES =
            Set.of("closed", "open", "half_open", "disabled", "forced_open", "metrics_only");

    private final MeterRegistry registry;
    private final Clock clock;
    private final BoundedNames<String> serviceNames = new BoundedNames<>(MAX_SERVICES, TagValues::name);
    private final BoundedNames<String> providers = new BoundedNames<>(MAX_PROVIDERS, TagValues::name);
    private final ConcurrentHashMap<String, ServiceMeters> services = new ConcurrentHashMap<>();
    private final BoundedMeters<Transition, Counter> transitions;
    private final MetricsCallPolicy callPolicy;
    private final MetricsAttemptPolicy attemptPolicy;
    private final MetricsEvents events;

    private NhsMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.clock = registry.config().clock();
        this.transitions = new BoundedMeters<>(Integer.MAX_VALUE, t -> t, this::transitionCounter);
        this.callPolicy = new MetricsCallPolicy(this);
        this.attemptPolicy = new MetricsAttemptPolicy(this);
        this.events = new MetricsEvents(this);
        registry.config().onMeterRemoved(this::removed);
    }

    /**
     * Metrics recorded on a registry. Make one per registry and share it between clients: its
     * meters are cached, and each one adds a listener to the registry (to forget removed meters).
     *
     * @param registry the registry, such as Spring Boot's or a {@code PrometheusMeterRegistry}
     * @return the metrics
     * @throws NhsValidationException when the registry is null
     */
    public static NhsMetrics of(MeterRegistry registry) {
        if (registry == null) {
            throw new NhsValidationException("registry", "must not be null");
        }
        return new NhsMetrics(registry);
    }

    /**
     * Adds the metrics to client options: a per-call policy (the calls timer), a per-attempt
     * policy (the attempts timer) and an event listener (retries, circuit-breaker transitions,
     * rate-limiter waits, token fetches).
     *
     * @param options the options being built
     * @return {@code options}, to chain
     * @throws NhsValidationException when {@code options} is null
     */
    public NhsClientOptions.Builder applyTo(NhsClientOptions.Builder options) {
        if (options == null) {
            throw new NhsValidationException("options", "must not be null");
        }
        return options.addPolicy(PipelinePosition.PER_CALL, callPolicy)
                .addPolicy(PipelinePosition.PER_ATTEMPT, attemptPolicy)
                .addEvents(events);
    }

    /** The registry's clock, for durations. */
    Clock clock() {
        return clock;
    }

    /** The meters of a service, by the client's service name. */
    ServiceMeters service(String name) {
        if (name == null) {
            return forTag(TagValues.OTHER);
        }
        ServiceMeters meters = services.get(name);
        if (meters != null) {
            return meters;
        }
        // names beyond the bound (or not plain names) share the "other" meters without being
        // cached under their own name, so this map holds at most MAX_SERVICES + 1 entries
        return forTag(serviceNames.get(name));
    }

    private ServiceMeters forTag(String tag) {
        ServiceMeters meters = services.get(tag);
        return meters != null ? meters : services.computeIfAbsent(tag, t -> new ServiceMeters(t, registry));
    }

    /** The provider tag value of a token provider's name. */
    String provider(String name) {
        return name == null ? TagValues.OTHER : providers.get(name);
    }

    /** The circuit-breaker transitions counter. */
    Counter transition(String service, String from, String to) {
        return transitions.get(new Transition(service(service).service(), state(from), state(to)));
    }

    /** Logs a registry failure; recording never fails a call. */
    static void failed(RuntimeException e) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("recording a metric failed with {}; ignored", e.getClass().getName());
        }
    }

    /**
     * Forgets a cached meter the registry removed ({@code remove}, {@code clear}), so the next
     * recording registers it again rather than going to a meter no longer published. Compared by
     * identity, as a filter may have renamed the meter or its tags.
     */
    private void removed(Meter meter) {
        try {
            transitions.evict(meter);
            for (ServiceMeters s : services.values()) {
                s.evict(meter);
            }
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private static String state(String state) {
        return state != null && CIRCUIT_STATES.contains(state) ? state : TagValues.OTHER;
    }

    private Counter transitionCounter(Transition t) {
        return Counter.builder(CIRCUIT_TRANSITIONS)
                .description("Circuit-breaker state transitions of a client")
                .baseUnit("transitions")
                .tags("service", t.service(), "from", t.from(), "to", t.to())
                .register(registry);
    }

    @Override
    public String toString() {
        return "NhsMetrics[" + registry.getClass().getSimpleName() + "]";
    }

    /** A transition's tags. */
    private record Transition(String service, String from, String to) {}
}

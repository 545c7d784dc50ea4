package uk.nhs.sdk.spring.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import uk.nhs.sdk.core.auth.SignedJwtAuth;
import uk.nhs.sdk.messaging.mesh.MeshClient;
import uk.nhs.sdk.spring.NhsProperties;
import uk.nhs.sdk.spring.NhsPropertyException;

/**
 * The health checks of the services enabled, by the name each shows under the {@code nhs} health
 * component: MESH's handshake, and for each API Platform service on signed-JWT auth the token
 * endpoint (through the shared, cached token).
 */
final class NhsHealthChecks {
    private final Map<String, NhsHealthCheck> checks;

    NhsHealthChecks(Map<String, NhsHealthCheck> checks) {
        this.checks = Collections.unmodifiableMap(new LinkedHashMap<>(checks));
    }

    static NhsHealthChecks of(
            NhsProperties properties, ObjectProvider<MeshClient> mesh, ObjectProvider<SignedJwtAuth> auth) {
        Duration interval = properties.getHealth().getInterval();
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new NhsPropertyException(
                    "nhs.health.interval",
                    "must be positive",
                    "Set nhs.health.interval to the shortest time between two probes of a service, such as 60s.");
        }
        return of(properties, mesh.getIfAvailable(), auth.getIfAvailable(), Clock.systemUTC());
    }

    static NhsHealthChecks of(NhsProperties p, MeshClient mesh, SignedJwtAuth auth, Clock clock) {
        Duration interval = p.getHealth().getInterval();
        Map<String, NhsHealthCheck> checks = new LinkedHashMap<>();
        if (mesh != null && p.getMesh().isEnabled()) {
            checks.put("mesh", new NhsHealthCheck("handshake", mesh::handshake, clock, interval));
        }
        if (auth != null) {
            Runnable token = auth::accessToken;
            if (p.getPds().isEnabled()) {
                checks.put("pds", new NhsHealthCheck("token", token, clock, interval));
            }
            if (p.getNrlConsumer().isEnabled()) {
                checks.put("nrlConsumer", new NhsHealthCheck("token", token, clock, interval));
            }
            if (p.getNrlProducer().isEnabled()) {
                checks.put("nrlProducer", new NhsHealthCheck("token", token, clock, interval));
            }
            if (p.getNotify().isEnabled()) {
                checks.put("notify", new NhsHealthCheck("token", token, clock, interval));
            }
        }
        return new NhsHealthChecks(checks);
    }

    Map<String, NhsHealthCheck> checks() {
        return checks;
    }
}

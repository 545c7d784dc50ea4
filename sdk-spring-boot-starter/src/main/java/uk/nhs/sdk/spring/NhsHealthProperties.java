package uk.nhs.sdk.spring;

import java.time.Duration;

/**
 * The health indicators under {@code nhs.health.*}.
 */
public class NhsHealthProperties {
    /** Whether to register a health indicator per service (when Spring Boot's health support is present). */
    private boolean enabled = true;

    /**
     * The shortest time between two probes of one service: a health check within it is answered
     * from the last probe, so frequent health polling never spends a rate-limited call.
     */
    private Duration interval = Duration.ofSeconds(60);

    /** Creates the settings with their defaults. */
    public NhsHealthProperties() {
        // defaults are the field initialisers
    }

    /**
     * Whether the indicators are registered.
     *
     * @return {@code true} to register them
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Sets whether the indicators are registered.
     *
     * @param enabled {@code true} to register them
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * The shortest time between two probes.
     *
     * @return the interval
     */
    public Duration getInterval() {
        return interval;
    }

    /**
     * Sets the shortest time between two probes.
     *
     * @param interval the interval, positive
     */
    public void setInterval(Duration interval) {
        this.interval = interval;
    }
}

package uk.nhs.sdk.spring;

import java.time.Duration;

/**
 * The settings every service shares under {@code nhs.<service>.*}: whether its client is created,
 * where it points and its client-side rate limit.
 */
public class NhsServiceProperties {
    /** Whether to create this service's client bean. */
    private boolean enabled;

    /**
     * The service's base URL, which wins over nhs.environment: https, or http to a loopback host
     * (the embedded sandbox).
     */
    private String baseUrl;

    /** A client-side rate limit for this service, in calls per second; unset for none. */
    private Integer rateLimit;

    /** How long a call may wait for the rate limiter before it is refused. */
    private Duration rateLimitMaxWait = Duration.ofSeconds(5);

    /** Creates the settings with their defaults. */
    public NhsServiceProperties() {
        // defaults are the field initialisers
    }

    /**
     * Whether the client is created.
     *
     * @return {@code true} to create it
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Sets whether the client is created.
     *
     * @param enabled {@code true} to create it
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * The base URL.
     *
     * @return the URL, or {@code null} to take the environment's
     */
    public String getBaseUrl() {
        return baseUrl;
    }

    /**
     * Sets the base URL.
     *
     * @param baseUrl the URL
     */
    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /**
     * The rate limit in calls per second.
     *
     * @return the limit, or {@code null} for none
     */
    public Integer getRateLimit() {
        return rateLimit;
    }

    /**
     * Sets the rate limit in calls per second.
     *
     * @param rateLimit the limit
     */
    public void setRateLimit(Integer rateLimit) {
        this.rateLimit = rateLimit;
    }

    /**
     * The longest wait for the rate limiter.
     *
     * @return the wait
     */
    public Duration getRateLimitMaxWait() {
        return rateLimitMaxWait;
    }

    /**
     * Sets the longest wait for the rate limiter.
     *
     * @param rateLimitMaxWait the wait
     */
    public void setRateLimitMaxWait(Duration rateLimitMaxWait) {
        this.rateLimitMaxWait = rateLimitMaxWait;
    }
}

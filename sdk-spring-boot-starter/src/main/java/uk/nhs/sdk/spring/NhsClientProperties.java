package uk.nhs.sdk.spring;

import java.time.Duration;

/**
 * The client options every service's client starts from, under {@code nhs.client.*}; unset values
 * keep the SDK's defaults.
 */
public class NhsClientProperties {
    /** The timeout of opening a connection; the SDK's default when unset. */
    private Duration connectTimeout;

    /** The timeout of one attempt (request sent to response read); the SDK's default when unset. */
    private Duration attemptTimeout;

    /** The deadline of a whole call, retries and waits included; the SDK's default when unset. */
    private Duration deadline;

    /** The most attempts a call makes, the first included (1 for no retries); the SDK's default when unset. */
    private Integer retryMaxAttempts;

    /** Creates the settings with their defaults. */
    public NhsClientProperties() {
        // defaults are the field initialisers
    }

    /**
     * The connect timeout.
     *
     * @return the timeout, or {@code null} for the SDK's default
     */
    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    /**
     * Sets the connect timeout.
     *
     * @param connectTimeout the timeout
     */
    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /**
     * The attempt timeout.
     *
     * @return the timeout, or {@code null} for the SDK's default
     */
    public Duration getAttemptTimeout() {
        return attemptTimeout;
    }

    /**
     * Sets the attempt timeout.
     *
     * @param attemptTimeout the timeout
     */
    public void setAttemptTimeout(Duration attemptTimeout) {
        this.attemptTimeout = attemptTimeout;
    }

    /**
     * The call deadline.
     *
     * @return the deadline, or {@code null} for the SDK's default
     */
    public Duration getDeadline() {
        return deadline;
    }

    /**
     * Sets the call deadline.
     *
     * @param deadline the deadline
     */
    public void setDeadline(Duration deadline) {
        this.deadline = deadline;
    }

    /**
     * The most attempts per call.
     *
     * @return the count, or {@code null} for the SDK's default
     */
    public Integer getRetryMaxAttempts() {
        return retryMaxAttempts;
    }

    /**
     * Sets the most attempts per call.
     *
     * @param retryMaxAttempts the count, at least 1
     */
    public void setRetryMaxAttempts(Integer retryMaxAttempts) {
        this.retryMaxAttempts = retryMaxAttempts;
    }
}

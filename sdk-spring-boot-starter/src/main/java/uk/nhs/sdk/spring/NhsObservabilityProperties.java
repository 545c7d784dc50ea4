package uk.nhs.sdk.spring;

/**
 * Metrics of the SDK's calls under {@code nhs.metrics.*}, applied when sdk-micrometer and a
 * MeterRegistry bean are present.
 */
public class NhsObservabilityProperties {
    /** Whether to record the SDK's calls when the library and its bean are present. */
    private boolean enabled = true;

    /** Creates the settings with their defaults. */
    public NhsObservabilityProperties() {
        // defaults are the field initialisers
    }

    /**
     * Whether calls are recorded.
     *
     * @return {@code true} to record them
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Sets whether calls are recorded.
     *
     * @param enabled {@code true} to record them
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}

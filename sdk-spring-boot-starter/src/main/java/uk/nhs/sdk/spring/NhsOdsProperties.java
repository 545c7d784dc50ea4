package uk.nhs.sdk.spring;

import uk.nhs.sdk.core.Secret;

/**
 * The ODS FHIR API under {@code nhs.ods.*}: it takes the application's API key in an
 * {@code apikey} header.
 */
public class NhsOdsProperties extends NhsServiceProperties {
    /** The API key sent to ODS; nhs.api-key when unset. Set it from the environment (NHS_ODS_API_KEY). */
    private Secret apiKey;

    /** Creates the settings with their defaults. */
    public NhsOdsProperties() {
        // defaults are the field initialisers
    }

    /**
     * The API key.
     *
     * @return the key, or {@code null} to use {@code nhs.api-key}
     */
    public Secret getApiKey() {
        return apiKey;
    }

    /**
     * Sets the API key.
     *
     * @param apiKey the key
     */
    public void setApiKey(Secret apiKey) {
        this.apiKey = apiKey;
    }
}

package uk.nhs.sdk.spring.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import uk.nhs.sdk.spring.NhsProperties;

/**
 * Creates the SDK's clients for the services enabled under {@code nhs.*}.
 */
@AutoConfiguration
@EnableConfigurationProperties(NhsProperties.class)
public class NhsAutoConfiguration {
    /** Created by Spring. */
    public NhsAutoConfiguration() {
        // nothing to set up
    }
}

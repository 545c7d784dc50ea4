package uk.nhs.sdk.spring.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.core.convert.converter.Converter;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.auth.SignedJwtAuth;
import uk.nhs.sdk.core.http.NhsHttpTransport;
import uk.nhs.sdk.spring.NhsClientOptionsCustomizer;
import uk.nhs.sdk.spring.NhsProperties;

/**
 * Creates the SDK's clients for the services enabled under {@code nhs.*}: one shared
 * {@link NhsHttpTransport}, the {@link NhsClientOptions} every client starts from (the
 * {@code nhs.client.*} properties, then every {@link NhsClientOptionsCustomizer} bean), the API
 * Platform's signed-JWT auth when {@code nhs.key-id} or a private key is set, and a client per
 * enabled service. A bean of the same type that the application defines wins over each of them;
 * every bean the starter creates is closed when the context closes.
 *
 * <p>The configuration is checked as the context starts: a missing or invalid property fails the
 * start with an {@link uk.nhs.sdk.spring.NhsPropertyException} naming it.
 */
@AutoConfiguration
@EnableConfigurationProperties(NhsProperties.class)
@Import({
    NhsClientsConfiguration.class,
    NhsMetricsConfiguration.class,
    NhsTracingConfiguration.class,
    NhsHealthConfiguration.class,
    NhsHealthBoot4Configuration.class,
    NhsSanitizingConfiguration.class
})
public class NhsAutoConfiguration {
    /** Created by Spring. */
    public NhsAutoConfiguration() {
        // nothing to set up
    }

    @Bean
    @ConfigurationPropertiesBinding
    static Converter<String, Secret> nhsSecretConverter() {
        return new SecretConverter();
    }

    @Bean
    NhsSettings nhsSettings(NhsProperties properties) {
        return new NhsSettings(properties);
    }

    @Bean
    @ConditionalOnMissingBean
    NhsClientOptions nhsClientOptions(NhsSettings settings, ObjectProvider<NhsClientOptionsCustomizer> customizers) {
        NhsClientOptions.Builder options = settings.clientOptions();
        customizers.orderedStream().forEach(c -> c.customize(options));
        return options.build();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    NhsHttpTransport nhsHttpTransport(NhsClientOptions options) {
        return NhsHttpTransport.create(options);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @Conditional(SignedJwtCondition.class)
    SignedJwtAuth nhsSignedJwtAuth(NhsSettings settings, NhsClientOptions options, NhsHttpTransport transport) {
        // each accessor checks its property and names it when missing or invalid
        return SignedJwtAuth.builder()
                .apiKey(settings.apiKey())
                .keyId(settings.keyId())
                .privateKey(settings.privateKey())
                .tokenUrl(settings.tokenUrl())
                .options(options)
                .transport(transport)
                .build();
    }

    /** Binds secret properties straight into {@link Secret}, so no plain copy is kept. */
    static final class SecretConverter implements Converter<String, Secret> {
        @Override
        public Secret convert(String source) {
            return source.isEmpty() ? null : Secret.of(source);
        }
    }
}

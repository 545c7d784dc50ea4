package uk.nhs.sdk.spring.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import uk.nhs.sdk.micrometer.NhsMetrics;
import uk.nhs.sdk.spring.NhsClientOptionsCustomizer;

/**
 * Metrics of every auto-configured client when sdk-micrometer is on the classpath and the
 * application has a {@link MeterRegistry} bean (Spring Boot's actuator makes one). The registry is
 * looked up when the clients' options are built, so this needs no ordering against the
 * auto-configuration that makes it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = {"uk.nhs.sdk.micrometer.NhsMetrics", "io.micrometer.core.instrument.MeterRegistry"})
@ConditionalOnProperty(prefix = "nhs.metrics", name = "enabled", havingValue = "true", matchIfMissing = true)
class NhsMetricsConfiguration {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    NhsClientOptionsCustomizer nhsMetricsCustomizer(ObjectProvider<MeterRegistry> registry) {
        return options -> {
            MeterRegistry r = registry.getIfUnique();
            if (r != null) {
                NhsMetrics.of(r).applyTo(options);
            }
        };
    }
}

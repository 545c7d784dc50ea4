package uk.nhs.sdk.spring.autoconfigure;

import io.opentelemetry.api.OpenTelemetry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import uk.nhs.sdk.opentelemetry.NhsTracing;
import uk.nhs.sdk.spring.NhsClientOptionsCustomizer;
import uk.nhs.sdk.spring.NhsProperties;

/**
 * Tracing of every auto-configured client when sdk-opentelemetry is on the classpath and the
 * application has an {@link OpenTelemetry} bean. The bean is looked up when the clients' options
 * are built, so this needs no ordering against the auto-configuration that makes it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = {"uk.nhs.sdk.opentelemetry.NhsTracing", "io.opentelemetry.api.OpenTelemetry"})
@ConditionalOnProperty(prefix = "nhs.tracing", name = "enabled", havingValue = "true", matchIfMissing = true)
class NhsTracingConfiguration {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 20)
    NhsClientOptionsCustomizer nhsTracingCustomizer(
            ObjectProvider<OpenTelemetry> openTelemetry, NhsProperties properties) {
        return options -> {
            OpenTelemetry otel = openTelemetry.getIfUnique();
            if (otel != null) {
                NhsTracing.builder(otel)
                        .propagateTraceContext(properties.getTracing().isPropagateTraceContext())
                        .build()
                        .applyTo(options);
            }
        };
    }
}

package uk.nhs.sdk.spring.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.nhs.sdk.core.auth.SignedJwtAuth;
import uk.nhs.sdk.messaging.mesh.MeshClient;
import uk.nhs.sdk.spring.NhsProperties;

/**
 * Spring Boot 4's health types (spring-boot-health): a composite {@code nhs} contributor with a
 * {@link HealthIndicator} per service, as {@link NhsHealthConfiguration} does for Boot 3.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = NhsHealthBoot4Configuration.BOOT4_HEALTH_INDICATOR)
@ConditionalOnProperty(prefix = "nhs.health", name = "enabled", havingValue = "true", matchIfMissing = true)
class NhsHealthBoot4Configuration {
    static final String BOOT4_HEALTH_INDICATOR = "org.springframework.boot.health.contributor.HealthIndicator";

    @Bean
    @ConditionalOnMissingBean
    NhsHealthChecks nhsHealthChecks(
            NhsProperties properties, ObjectProvider<MeshClient> mesh, ObjectProvider<SignedJwtAuth> auth) {
        return NhsHealthChecks.of(properties, mesh, auth);
    }

    @Bean
    @ConditionalOnMissingBean(name = "nhsHealthContributor")
    CompositeHealthContributor nhsHealthContributor(NhsHealthChecks checks) {
        Map<String, HealthIndicator> indicators = new LinkedHashMap<>();
        checks.checks().forEach((name, check) -> indicators.put(name, () -> health(check.check())));
        return CompositeHealthContributor.fromMap(indicators);
    }

    private static Health health(NhsHealthCheck.Result r) {
        return (!r.known() ? Health.unknown() : r.up() ? Health.up() : Health.down())
                .withDetails(r.details())
                .build();
    }
}

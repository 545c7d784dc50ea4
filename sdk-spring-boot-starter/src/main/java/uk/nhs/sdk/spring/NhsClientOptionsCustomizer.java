package uk.nhs.sdk.spring;

import uk.nhs.sdk.core.NhsClientOptions;

/**
 * A bean that adjusts the options every auto-configured client starts from: add your own pipeline
 * policies or event listeners, or change what the {@code nhs.client.*} properties set.
 *
 * <pre>{@code
 * @Bean
 * NhsClientOptionsCustomizer auditPolicy() {
 *     return options -> options.addPolicy(PipelinePosition.PER_CALL, new AuditPolicy());
 * }
 * }</pre>
 *
 * <p>Customizers run in {@code @Order} order, after the properties were applied and after the
 * starter's own metrics and tracing customizers.
 */
@FunctionalInterface
public interface NhsClientOptionsCustomizer {
    /**
     * Adjusts the options.
     *
     * @param options the builder the clients' options are built from
     */
    void customize(NhsClientOptions.Builder options);
}

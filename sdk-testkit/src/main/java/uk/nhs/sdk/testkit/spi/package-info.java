/**
 * The service-provider interface through which the embedded sandbox finds its fakes: each
 * service's {@link uk.nhs.sdk.testkit.spi.SandboxService} is listed, one line, in
 * {@code META-INF/services/uk.nhs.sdk.testkit.spi.SandboxService}, and
 * {@link uk.nhs.sdk.testkit.NhsSandbox} loads them with {@link java.util.ServiceLoader}.
 */
package uk.nhs.sdk.testkit.spi;

package uk.nhs.sdk.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.identity.pds.PdsClient;
import uk.nhs.sdk.micrometer.NhsMetrics;
import uk.nhs.sdk.testkit.NhsSandbox;

/** Metrics and tracing are applied to the auto-configured clients when their beans are present. */
class NhsObservabilityTest {
    private static NhsSandbox sandbox;
    private static Map<String, Object> properties;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(NhsAutoConfiguration.class))
            .withInitializer(ctx -> SandboxProperties.initializer(properties).initialize(ctx))
            .withPropertyValues("nhs.pds.enabled=true");

    @BeforeAll
    static void startSandbox() {
        sandbox = NhsSandbox.start();
        properties = SandboxProperties.of(sandbox);
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @Test
    void aMeterRegistryBeanGetsTheCallsOfEveryClient() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(ctx -> {
            ctx.getBean(PdsClient.class).getPatient(NhsNumber.parse("9000000009"));
            MeterRegistry registry = ctx.getBean(MeterRegistry.class);
            assertThat(registry.find(NhsMetrics.CALLS).timers()).isNotEmpty();
            assertThat(registry.getMeters().toString()).doesNotContain("9000000009");
        });
    }

    @Test
    void metricsCanBeTurnedOff() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("nhs.metrics.enabled=false")
                .run(ctx -> {
                    ctx.getBean(PdsClient.class).getPatient(NhsNumber.parse("9000000009"));
                    assertThat(ctx.getBean(MeterRegistry.class)
                                    .find(NhsMetrics.CALLS)
                                    .timers())
                            .isEmpty();
                });
    }

    @Test
    void anOpenTelemetryBeanGetsASpanPerCallWithoutPropagationByDefault() {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(spans))
                        .build())
                .build();
        runner.withBean(OpenTelemetry.class, () -> otel).run(ctx -> {
            ctx.getBean(PdsClient.class).getPatient(NhsNumber.parse("9000000009"));
            assertThat(spans.getFinishedSpanItems()).isNotEmpty();
            for (SpanData s : spans.getFinishedSpanItems()) {
                assertThat(s.getAttributes().toString()).doesNotContain("9000000009");
            }
        });
        otel.close();
    }

    @Test
    void withNeitherBeanTheClientsWorkUnobserved() {
        runner.run(ctx -> {
            assertThat(ctx).doesNotHaveBean(MeterRegistry.class).doesNotHaveBean(OpenTelemetry.class);
            assertThat(ctx.getBean(PdsClient.class)
                            .getPatient(NhsNumber.parse("9000000009"))
                            .version())
                    .isPositive();
        });
    }
}

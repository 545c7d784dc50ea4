package uk.nhs.sdk.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.NhsNumber;
import uk.nhs.sdk.core.auth.SignedJwtAuth;
import uk.nhs.sdk.core.error.NhsSdkException;
import uk.nhs.sdk.core.http.NhsHttpTransport;
import uk.nhs.sdk.core.http.PipelinePosition;
import uk.nhs.sdk.identity.pds.PdsClient;
import uk.nhs.sdk.messaging.mesh.MeshClient;
import uk.nhs.sdk.messaging.mesh.MeshMessage;
import uk.nhs.sdk.messaging.mesh.MeshSendRequest;
import uk.nhs.sdk.messaging.mesh.MeshSendResult;
import uk.nhs.sdk.messaging.notify.NotifyClient;
import uk.nhs.sdk.records.nrl.NrlConsumerClient;
import uk.nhs.sdk.records.nrl.NrlProducerClient;
import uk.nhs.sdk.records.ods.OdsClient;
import uk.nhs.sdk.spring.NhsClientOptionsCustomizer;
import uk.nhs.sdk.testkit.NhsSandbox;

class NhsAutoConfigurationTest {
    private static NhsSandbox sandbox;
    private static Map<String, Object> sandboxProperties;

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(NhsAutoConfiguration.class));

    @BeforeAll
    static void startSandbox() {
        sandbox = NhsSandbox.start();
        sandboxProperties = SandboxProperties.of(sandbox);
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    private ApplicationContextRunner onSandbox() {
        return runner.withInitializer(SandboxProperties.initializer(sandboxProperties));
    }

    @Test
    void withNoServiceEnabledItStartsWithTheSharedTransportAndOptionsAndNoClient() {
        runner.run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx).hasSingleBean(NhsHttpTransport.class).hasSingleBean(NhsClientOptions.class);
            assertThat(ctx)
                    .doesNotHaveBean(PdsClient.class)
                    .doesNotHaveBean(MeshClient.class)
                    .doesNotHaveBean(SignedJwtAuth.class);
        });
    }

    @Test
    void everyEnabledServiceGetsAClientOnTheOneSharedTransport() {
        onSandbox()
                .withPropertyValues(
                        "nhs.pds.enabled=true",
                        "nhs.mesh.enabled=true",
                        "nhs.nrl-consumer.enabled=true",
                        "nhs.nrl-consumer.ods-code=Y05868",
                        "nhs.nrl-producer.enabled=true",
                        "nhs.nrl-producer.ods-code=Y05868",
                        "nhs.ods.enabled=true",
                        "nhs.notify.enabled=true",
                        "nhs.nrl-consumer.base-url=" + sandbox.apiBaseUrl("record-locator/consumer/FHIR/R4"),
                        "nhs.nrl-producer.base-url=" + sandbox.apiBaseUrl("record-locator/producer/FHIR/R4"),
                        "nhs.ods.base-url=" + sandbox.apiBaseUrl("organisation-data-terminology-api/fhir"),
                        "nhs.notify.base-url=" + sandbox.apiBaseUrl("comms"))
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    assertThat(ctx)
                            .hasSingleBean(PdsClient.class)
                            .hasSingleBean(MeshClient.class)
                            .hasSingleBean(NrlConsumerClient.class)
                            .hasSingleBean(NrlProducerClient.class)
                            .hasSingleBean(OdsClient.class)
                            .hasSingleBean(NotifyClient.class)
                            .hasSingleBean(SignedJwtAuth.class)
                            .hasSingleBean(NhsHttpTransport.class);
                    assertThat(ctx.getBean(PdsClient.class).baseUrl()).isEqualTo(sandbox.pdsBaseUrl());
                });
    }

    @Test
    void thePdsClientGetsAPatientFromTheSandboxWithSignedJwtAuth() {
        int tokensBefore = sandbox.issuedTokenCount();
        onSandbox().withPropertyValues("nhs.pds.enabled=true").run(ctx -> {
            PdsClient pds = ctx.getBean(PdsClient.class);
            assertThat(pds.getPatient(NhsNumber.parse("9000000009")).nhsNumber().value())
                    .isEqualTo("9000000009");
            assertThat(sandbox.issuedTokenCount()).as("the signed-JWT flow ran").isGreaterThan(tokensBefore);
        });
    }

    @Test
    void theMeshClientSendsAndReceivesThroughTheSandbox() {
        onSandbox().withPropertyValues("nhs.mesh.enabled=true").run(ctx -> {
            MeshClient mesh = ctx.getBean(MeshClient.class);
            mesh.handshake();
            MeshSendResult sent = mesh.send(
                    MeshSendRequest.builder(mesh.mailbox(), "TEST_WORKFLOW").build(),
                    "hello".getBytes(StandardCharsets.UTF_8));
            try (MeshMessage m = mesh.receive(sent.messageId())) {
                assertThat(new String(m.content().readAllBytes(), StandardCharsets.UTF_8))
                        .isEqualTo("hello");
            }
            mesh.acknowledge(sent.messageId());
        });
    }

    @Test
    void aUserBeanOfTheSameTypeBacksTheAutoConfigurationOff() {
        onSandbox()
                .withPropertyValues("nhs.pds.enabled=true")
                .withUserConfiguration(UserPds.class)
                .run(ctx -> {
                    assertThat(ctx).hasSingleBean(PdsClient.class);
                    assertThat(ctx.getBean(PdsClient.class)).isSameAs(ctx.getBean(UserPds.class).pds);
                });
    }

    @Test
    void customizersAddTheirPoliciesToEveryClient() {
        AtomicInteger calls = new AtomicInteger();
        onSandbox()
                .withPropertyValues("nhs.pds.enabled=true")
                .withBean(
                        "countingCustomizer",
                        NhsClientOptionsCustomizer.class,
                        () -> options -> options.addPolicy(PipelinePosition.PER_CALL, (call, next) -> {
                            if (call.request().pathTemplate().startsWith("/Patient")) {
                                calls.incrementAndGet();
                            }
                            return next.process();
                        }))
                .run(ctx -> {
                    ctx.getBean(PdsClient.class).getPatient(NhsNumber.parse("9000000009"));
                    assertThat(calls).hasValue(1);
                });
    }

    @Test
    void clientsAuthAndTheTransportAreClosedWithTheContext() {
        PdsClient[] pds = new PdsClient[1];
        SignedJwtAuth[] auth = new SignedJwtAuth[1];
        NhsHttpTransport[] transport = new NhsHttpTransport[1];
        onSandbox().withPropertyValues("nhs.pds.enabled=true").run(ctx -> {
            pds[0] = ctx.getBean(PdsClient.class);
            auth[0] = ctx.getBean(SignedJwtAuth.class);
            transport[0] = ctx.getBean(NhsHttpTransport.class);
            pds[0].getPatient(NhsNumber.parse("9000000009"));
            assertThat(transport[0].toString()).as("a pooled connection").doesNotContain("connections=0");
        });
        assertThatThrownBy(() -> pds[0].getPatient(NhsNumber.parse("9000000009")))
                .isInstanceOf(NhsSdkException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> auth[0].accessToken()).isInstanceOf(NhsSdkException.class);
        assertThat(transport[0].toString()).as("pool emptied by close()").contains("connections=0");
    }

    @Test
    void clientOptionsComeFromTheProperties() {
        runner.withPropertyValues(
                        "nhs.client.attempt-timeout=7s",
                        "nhs.client.deadline=40s",
                        "nhs.client.retry-max-attempts=2",
                        "nhs.application-id=my-service")
                .run(ctx -> {
                    NhsClientOptions o = ctx.getBean(NhsClientOptions.class);
                    assertThat(o.attemptTimeout()).hasSeconds(7);
                    assertThat(o.deadline()).hasSeconds(40);
                    assertThat(o.retry().maxAttempts()).isEqualTo(2);
                    assertThat(o.applicationId()).contains("my-service");
                });
    }

    @Test
    void secretsBindFromEnvironmentStyleNamesIntoSecrets() {
        runner.withInitializer(ctx -> ctx.getEnvironment()
                        .getPropertySources()
                        .addFirst(new org.springframework.core.env.SystemEnvironmentPropertySource(
                                "systemEnvironment", Map.of("NHS_MESH_PASSWORD", "env-password-1"))))
                .run(ctx -> {
                    uk.nhs.sdk.spring.NhsProperties p = ctx.getBean(uk.nhs.sdk.spring.NhsProperties.class);
                    assertThat(p.getMesh().getPassword().reveal()).isEqualTo("env-password-1");
                    assertThat(p.getMesh().getPassword().toString()).doesNotContain("env-password-1");
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class UserPds {
        final PdsClient pds = PdsClient.builder().baseUrl(sandbox.pdsBaseUrl()).build();

        @Bean
        PdsClient userPdsClient() {
            return pds;
        }
    }
}

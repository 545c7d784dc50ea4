package uk.nhs.sdk.spring.autoconfigure;

import java.net.URI;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.nhs.sdk.core.NhsClientBuilder;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.auth.SignedJwtAuth;
import uk.nhs.sdk.core.http.NhsHttpTransport;
import uk.nhs.sdk.identity.pds.PdsClient;
import uk.nhs.sdk.messaging.mesh.MeshClient;
import uk.nhs.sdk.messaging.notify.NotifyClient;
import uk.nhs.sdk.records.nrl.NrlConsumerClient;
import uk.nhs.sdk.records.nrl.NrlProducerClient;
import uk.nhs.sdk.records.ods.OdsClient;
import uk.nhs.sdk.spring.NhsMeshProperties;
import uk.nhs.sdk.spring.NhsOdsProperties;
import uk.nhs.sdk.spring.NhsOrganisationServiceProperties;
import uk.nhs.sdk.spring.NhsPropertyException;
import uk.nhs.sdk.spring.NhsServiceProperties;

/**
 * A client bean per service enabled with {@code nhs.<service>.enabled=true}, each on the shared
 * transport, closed with the context, and backing off when the application defines its own.
 */
@Configuration(proxyBeanMethods = false)
class NhsClientsConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "nhs.pds", name = "enabled", havingValue = "true")
    PdsClient nhsPdsClient(
            NhsSettings settings,
            NhsClientOptions options,
            NhsHttpTransport transport,
            ObjectProvider<SignedJwtAuth> auth) {
        NhsServiceProperties p = settings.properties().getPds();
        PdsClient.Builder b = PdsClient.builder();
        platform(b, "nhs.pds", "PDS", p, settings, options, transport, auth);
        return NhsSettings.apply("nhs.pds", b::build);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "nhs.nrl-consumer", name = "enabled", havingValue = "true")
    NrlConsumerClient nhsNrlConsumerClient(
            NhsSettings settings,
            NhsClientOptions options,
            NhsHttpTransport transport,
            ObjectProvider<SignedJwtAuth> auth) {
        NhsOrganisationServiceProperties p = settings.properties().getNrlConsumer();
        NrlConsumerClient.Builder b =
                NrlConsumerClient.builder().endUserOrganisation(settings.odsCode("nhs.nrl-consumer", p));
        platform(b, "nhs.nrl-consumer", "NRL", p, settings, options, transport, auth);
        return NhsSettings.apply("nhs.nrl-consumer", b::build);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "nhs.nrl-producer", name = "enabled", havingValue = "true")
    NrlProducerClient nhsNrlProducerClient(
            NhsSettings settings,
            NhsClientOptions options,
            NhsHttpTransport transport,
            ObjectProvider<SignedJwtAuth> auth) {
        NhsOrganisationServiceProperties p = settings.properties().getNrlProducer();
        NrlProducerClient.Builder b =
                NrlProducerClient.builder().endUserOrganisation(settings.odsCode("nhs.nrl-producer", p));
        platform(b, "nhs.nrl-producer", "NRL", p, settings, options, transport, auth);
        return NhsSettings.apply("nhs.nrl-producer", b::build);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "nhs.notify", name = "enabled", havingValue = "true")
    NotifyClient nhsNotifyClient(
            NhsSettings settings,
            NhsClientOptions options,
            NhsHttpTransport transport,
            ObjectProvider<SignedJwtAuth> auth) {
        NhsServiceProperties p = settings.properties().getNotify();
        NotifyClient.Builder b = NotifyClient.builder();
        platform(b, "nhs.notify", "NHS Notify", p, settings, options, transport, auth);
        return NhsSettings.apply("nhs.notify", b::build);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "nhs.ods", name = "enabled", havingValue = "true")
    OdsClient nhsOdsClient(NhsSettings settings, NhsClientOptions options, NhsHttpTransport transport) {
        NhsOdsProperties p = settings.properties().getOds();
        OdsClient.Builder b = OdsClient.builder();
        common(b, "nhs.ods", p, settings, options, transport);
        b.apiKey(NhsSettings.require(
                p.getApiKey() != null ? p.getApiKey() : settings.properties().getApiKey(),
                "nhs.ods.api-key",
                "is required (ODS takes an API key; nhs.api-key is used when unset)",
                "Set nhs.ods.api-key or nhs.api-key (or NHS_ODS_API_KEY / NHS_API_KEY) to the application's API key."));
        return NhsSettings.apply("nhs.ods", b::build);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "nhs.mesh", name = "enabled", havingValue = "true")
    MeshClient nhsMeshClient(NhsSettings settings, NhsClientOptions options, NhsHttpTransport transport) {
        NhsMeshProperties p = settings.properties().getMesh();
        MeshClient.Builder b = MeshClient.builder();
        Optional<URI> url = settings.baseUrl("nhs.mesh", p);
        if (url.isEmpty()
                && settings.environment().flatMap(e -> e.meshBaseUrl()).isEmpty()) {
            throw new NhsPropertyException(
                    "nhs.mesh.base-url",
                    "is required: the sandbox environment has no MESH host",
                    "Set nhs.mesh.base-url to a MESH sandbox (or use @NhsSandboxTest), or nhs.environment to integration or production.");
        }
        if (NhsSettings.isBlank(p.getMailbox())) {
            throw new NhsPropertyException(
                    "nhs.mesh.mailbox", "is required", "Set nhs.mesh.mailbox to the mailbox id.");
        }
        NhsSettings.apply("nhs.mesh.mailbox", () -> b.mailbox(p.getMailbox()));
        b.password(NhsSettings.require(
                p.getPassword(),
                "nhs.mesh.password",
                "is required with a MESH mailbox",
                "Set nhs.mesh.password (or the NHS_MESH_PASSWORD environment variable) to the mailbox password."));
        b.sharedKey(NhsSettings.require(
                p.getSharedKey(),
                "nhs.mesh.shared-key",
                "is required with a MESH mailbox",
                "Set nhs.mesh.shared-key (or NHS_MESH_SHARED_KEY) to the environment's MESH shared key."));
        NhsClientOptions.Builder o = settings.serviceOptions("nhs.mesh", p, options);
        MeshTls.of(p.getTls()).ifPresent(o::tls);
        url.ifPresentOrElse(
                b::baseUrl, () -> b.environment(settings.environment().orElseThrow()));
        b.options(o.build()).transport(transport);
        return NhsSettings.apply("nhs.mesh", b::build);
    }

    /** The settings of an API Platform service that takes signed-JWT auth. */
    private static void platform(
            NhsClientBuilder<?, ?> b,
            String prefix,
            String service,
            NhsServiceProperties p,
            NhsSettings settings,
            NhsClientOptions options,
            NhsHttpTransport transport,
            ObjectProvider<SignedJwtAuth> auth) {
        Optional<URI> url = common(b, prefix, p, settings, options, transport);
        SignedJwtAuth jwt = auth.getIfAvailable();
        if (jwt != null) {
            b.auth(jwt);
        } else if (settings.remote(url)) {
            throw new NhsPropertyException(
                    "nhs.private-key",
                    service
                            + " needs signed-JWT auth outside the sandbox, and nhs.key-id and nhs.private-key(-file) are not set",
                    "Set nhs.api-key, nhs.key-id and nhs.private-key-file (or nhs.private-key) for the API Platform application.");
        }
    }

    private static Optional<URI> common(
            NhsClientBuilder<?, ?> b,
            String prefix,
            NhsServiceProperties p,
            NhsSettings settings,
            NhsClientOptions options,
            NhsHttpTransport transport) {
        Optional<URI> url = settings.baseUrl(prefix, p);
        url.ifPresentOrElse(
                b::baseUrl, () -> b.environment(settings.environment().orElseThrow()));
        b.options(settings.serviceOptions(prefix, p, options).build()).transport(transport);
        return url;
    }
}

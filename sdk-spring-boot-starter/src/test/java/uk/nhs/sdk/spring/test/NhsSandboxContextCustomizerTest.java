package uk.nhs.sdk.spring.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;
import uk.nhs.sdk.testkit.NhsSandbox;

class NhsSandboxContextCustomizerTest {

    @Test
    void theSandboxStopsWhenTheContextCloses() throws IOException {
        GenericApplicationContext ctx = new GenericApplicationContext();
        new NhsSandboxContextCustomizer().customizeContext(ctx, null);
        ctx.refresh();
        NhsSandbox sandbox = ctx.getBean(NhsSandbox.class);
        URI url = sandbox.baseUrl();
        assertThat(ctx.getEnvironment().getProperty("nhs.pds.base-url"))
                .isEqualTo(sandbox.pdsBaseUrl().toString());
        try (Socket s = new Socket(url.getHost(), url.getPort())) {
            assertThat(s.isConnected()).isTrue();
        }
        ctx.close();
        assertThatThrownBy(() -> new Socket(url.getHost(), url.getPort()).close())
                .isInstanceOf(IOException.class);
    }

    @Test
    void onlyAnnotatedTestClassesGetTheCustomizer() {
        NhsSandboxContextCustomizerFactory factory = new NhsSandboxContextCustomizerFactory();
        assertThat(factory.createContextCustomizer(NhsSandboxTestTest.class, java.util.List.of()))
                .isEqualTo(new NhsSandboxContextCustomizer());
        assertThat(factory.createContextCustomizer(NhsSandboxContextCustomizerTest.class, java.util.List.of()))
                .isNull();
    }
}

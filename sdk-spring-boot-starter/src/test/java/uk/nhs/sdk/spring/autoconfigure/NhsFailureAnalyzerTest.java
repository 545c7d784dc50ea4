package uk.nhs.sdk.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;
import uk.nhs.sdk.spring.NhsPropertyException;

class NhsFailureAnalyzerTest {

    @Test
    void springBootFindsTheAnalyzer() {
        // Boot's own analyzers that need classes this module lacks are skipped, not failed on
        assertThat(SpringFactoriesLoader.forDefaultResourceLocation()
                        .load(FailureAnalyzer.class, (type, name, failure) -> {}))
                .hasAtLeastOneElementOfType(NhsFailureAnalyzer.class);
    }

    @Test
    void describesTheWrappedPropertyFailureAndTheAction() {
        NhsPropertyException cause = new NhsPropertyException(
                "nhs.mesh.shared-key", "is required with a MESH mailbox", "Set nhs.mesh.shared-key.");
        FailureAnalysis a =
                new NhsFailureAnalyzer().analyze(new BeanCreationException("nhsMeshClient", "failed", cause));
        assertThat(a.getDescription()).contains("nhs.mesh.shared-key: is required with a MESH mailbox");
        assertThat(a.getAction()).isEqualTo("Set nhs.mesh.shared-key.");
        assertThat(a.getCause()).isSameAs(cause);
    }

    @Test
    void leavesOtherFailuresToOtherAnalyzers() {
        assertThat(new NhsFailureAnalyzer().analyze(new IllegalStateException("other")))
                .isNull();
    }
}

package uk.nhs.sdk.examples.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import uk.nhs.sdk.examples.CliRun;

/**
 * The demo's MESH step sends a compressed, chunked file between two sandbox mailboxes, checks its
 * SHA-256 on receipt and acknowledges it.
 */
class MeshDemoStepTest {
    @Test
    void theDemoSendsReceivesVerifiesAndAcknowledgesAMeshMessage() {
        CliRun r = CliRun.of("demo");
        assertThat(r.err).isEmpty();
        assertThat(r.status).isZero();
        assertThat(r.out)
                .contains("MESH: a chunked, compressed file from one mailbox to another")
                .containsPattern("X26ABC1 sent message [0-9]{20}_[0-9A-F]{6} to X26ABC2 in 3 chunks")
                .contains("SHA-256 matches")
                .contains("X26ABC2 acknowledged it; inbox now []")
                .contains("X26ABC1 tracks it: acknowledged");
    }
}

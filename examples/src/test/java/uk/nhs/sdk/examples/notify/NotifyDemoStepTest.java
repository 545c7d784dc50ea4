package uk.nhs.sdk.examples.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import uk.nhs.sdk.examples.CliRun;

/**
 * The demo's NHS Notify step sends a message, reads its status as the sandbox moves it on (every
 * 100 ms of real time: the demo runs on the system clock), and verifies its callbacks at a local
 * endpoint.
 */
class NotifyDemoStepTest {
    @Test
    void theDemoSendsWatchesAndVerifiesCallbacks() {
        CliRun r = CliRun.of("demo");

        assertThat(r.err).isEmpty();
        assertThat(r.status).isZero();
        assertThat(r.out)
                .contains("NHS Notify: send a message, watch its status change, receive and verify its callbacks")
                .containsPattern("sent message [a-zA-Z0-9]{27} with the free-text NHS App routing plan")
                .contains("status: created")
                .contains("status: delivered, nhsapp channel delivered")
                .containsPattern("received 6 callbacks; 6 verified \\(x-api-key and signature\\) and answered 202")
                .contains("the callbacks' tracker says: message delivered");
    }
}

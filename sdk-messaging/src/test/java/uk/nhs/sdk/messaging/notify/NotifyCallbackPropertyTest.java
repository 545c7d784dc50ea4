package uk.nhs.sdk.messaging.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import uk.nhs.sdk.core.Secret;

/**
 * Garbage never gets past the verifier or the parser, never throws, and never comes back in
 * what they return.
 */
class NotifyCallbackPropertyTest {
    private final NotifyCallbackVerifier verifier = NotifyCallbackVerifier.builder()
            .applicationId(NotifyCallbackVerifierTest.APP_ID)
            .apiKey(Secret.of(NotifyCallbackVerifierTest.API_KEY))
            .build();

    @Property(tries = 300)
    void unsignedGarbageIsRefused(@ForAll byte[] body, @ForAll @StringLength(max = 80) String signature) {
        NotifyCallbackResult r = verifier.verify(NotifyCallbackVerifierTest.API_KEY, signature, body);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.events()).isEmpty();
    }

    @Property(tries = 300)
    void signedGarbageIsRefusedWithoutEchoingIt(@ForAll @StringLength(max = 200) String text) {
        String garbage = "garbage:" + text;
        byte[] body = garbage.getBytes(StandardCharsets.UTF_8);
        NotifyCallbackResult r =
                verifier.verify(NotifyCallbackVerifierTest.API_KEY, NotifyCallbackVerifierTest.sign(body), body);
        assertThat(r.status()).isIn(202, 400);
        if (r.status() == 400) {
            assertThat(r.events()).isEmpty();
        }
        assertThat(r.reason()).doesNotContain(garbage);
        assertThat(r.toString()).doesNotContain(garbage);
    }

    @Property(tries = 200)
    void signedMutationsOfAGoodBodyNeverThrow(@ForAll int position, @ForAll byte value) {
        byte[] body = NotifyCallbackVerifierTest.body("channel-status.json");
        body[Math.floorMod(position, body.length)] = value;
        NotifyCallbackResult r =
                verifier.verify(NotifyCallbackVerifierTest.API_KEY, NotifyCallbackVerifierTest.sign(body), body);
        assertThat(r.status()).isIn(202, 400);
        r.events().forEach(e -> assertThat(e.idempotencyKey()).isNotEmpty());
    }
}

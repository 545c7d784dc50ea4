package uk.nhs.sdk.messaging.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.nhs.sdk.messaging.notify.NotifyCallbackVerifierTest.API_KEY;
import static uk.nhs.sdk.messaging.notify.NotifyCallbackVerifierTest.APP_ID;
import static uk.nhs.sdk.messaging.notify.NotifyCallbackVerifierTest.body;
import static uk.nhs.sdk.messaging.notify.NotifyCallbackVerifierTest.sign;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.Secret;

/**
 * The verifier takes any {@link NotifyCallbackStore}: a store shared by two verifiers (two
 * replicas) drops the second delivery of a callback, and a store that fails part-way leaves no key
 * recorded for events the caller never saw.
 */
class NotifyCallbackStoreTest {
    /** A store shared by "replicas", as a database table would be. */
    static class SharedStore implements NotifyCallbackStore {
        final Set<String> keys = ConcurrentHashMap.newKeySet();
        final List<String> forgotten = new ArrayList<>();
        int failOnCall = -1;
        int calls;

        @Override
        public boolean firstSeen(String idempotencyKey) {
            if (++calls == failOnCall) {
                throw new IllegalStateException("the database is down");
            }
            return keys.add(idempotencyKey);
        }

        @Override
        public void forget(String idempotencyKey) {
            forgotten.add(idempotencyKey);
            keys.remove(idempotencyKey);
        }
    }

    private static NotifyCallbackVerifier verifier(NotifyCallbackStore store) {
        return NotifyCallbackVerifier.builder()
                .applicationId(APP_ID)
                .apiKey(Secret.of(API_KEY))
                .deduplicator(store)
                .build();
    }

    /**
     * One body holding the message-status event and then the channel-status event (whose example
     * shares the first one's idempotency key: given a key of its own here).
     */
    private static byte[] twoEvents() {
        String a = new String(body("message-status.json"), StandardCharsets.UTF_8);
        String b = new String(body("channel-status.json"), StandardCharsets.UTF_8).replace("2515ae6b", "3626bf7c");
        return ("{\"data\":[" + a.substring(a.indexOf('[') + 1, a.lastIndexOf(']')) + ","
                        + b.substring(b.indexOf('[') + 1, b.lastIndexOf(']')) + "]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theInMemoryDeduplicatorIsAStore() {
        NotifyCallbackStore store = NotifyCallbackDeduplicator.bounded(10);
        assertThat(store.firstSeen("k")).isTrue();
        assertThat(store.firstSeen("k")).isFalse();
        store.forget("k");
        store.forget("never-seen");
        assertThat(store.firstSeen("k")).isTrue();
    }

    @Test
    void aCallbackDeliveredToTwoReplicasSharingAStoreIsHandledOnce() {
        SharedStore store = new SharedStore();
        NotifyCallbackVerifier replicaA = verifier(store);
        NotifyCallbackVerifier replicaB = verifier(store);
        byte[] b = body("message-status.json");

        NotifyCallbackResult atA = replicaA.verify(API_KEY, sign(b), b);
        NotifyCallbackResult atB = replicaB.verify(API_KEY, sign(b), b);

        assertThat(atA.events()).hasSize(1);
        assertThat(atB.status()).isEqualTo(202);
        assertThat(atB.events()).isEmpty();
        assertThat(atB.duplicates()).isEqualTo(1);
        assertThat(store.keys).containsExactly(atA.events().get(0).idempotencyKey());
    }

    @Test
    void aStoreFailingPartWayForgetsTheKeysThisCallRecordedSoTheRetryIsHandled() {
        SharedStore store = new SharedStore();
        store.failOnCall = 2;
        NotifyCallbackVerifier v = verifier(store);
        byte[] b = twoEvents();

        assertThatThrownBy(() -> v.verify(API_KEY, sign(b), b)).isInstanceOf(IllegalStateException.class);
        assertThat(store.keys).isEmpty();
        assertThat(store.forgotten).hasSize(1);

        NotifyCallbackResult retried = v.verify(API_KEY, sign(b), b);
        assertThat(retried.events()).hasSize(2);
        assertThat(retried.duplicates()).isZero();
    }

    @Test
    void aFailureWhileForgettingIsKeptAsSuppressed() {
        SharedStore store = new SharedStore() {
            @Override
            public void forget(String idempotencyKey) {
                throw new IllegalArgumentException("still down");
            }
        };
        store.failOnCall = 2;
        NotifyCallbackVerifier v = verifier(store);
        byte[] b = twoEvents();

        assertThatThrownBy(() -> v.verify(API_KEY, sign(b), b))
                .isInstanceOf(IllegalStateException.class)
                .satisfies(e ->
                        assertThat(e.getSuppressed()).singleElement().isInstanceOf(IllegalArgumentException.class));
    }
}

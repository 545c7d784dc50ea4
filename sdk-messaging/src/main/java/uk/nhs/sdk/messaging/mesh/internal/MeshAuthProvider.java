package uk.nhs.sdk.messaging.mesh.internal;

import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import uk.nhs.sdk.core.Secret;
import uk.nhs.sdk.core.auth.AuthProvider;
import uk.nhs.sdk.core.auth.AuthRequest;

/**
 * Signs every attempt with a fresh NHSMESH header: a new random UUID nonce (count {@code 0}) and
 * the current UTC minute, so a retry never reuses a token (MESH refuses a reused token with 403).
 * A nonce per request needs no shared counter, so the provider is thread-safe.
 */
public final class MeshAuthProvider implements AuthProvider {
    private final String mailbox;
    private final Secret password;
    private final Secret sharedKey;
    private final Clock clock;
    private final Supplier<String> nonces;

    /**
     * Creates the provider.
     *
     * @param mailbox the mailbox id, already upper case
     * @param password the mailbox password
     * @param sharedKey the environment's shared key
     * @param clock the clock for the timestamp
     */
    public MeshAuthProvider(String mailbox, Secret password, Secret sharedKey, Clock clock) {
        this(mailbox, password, sharedKey, clock, () -> UUID.randomUUID().toString());
    }

    MeshAuthProvider(String mailbox, Secret password, Secret sharedKey, Clock clock, Supplier<String> nonces) {
        this.mailbox = Objects.requireNonNull(mailbox, "mailbox");
        this.password = Objects.requireNonNull(password, "password");
        this.sharedKey = Objects.requireNonNull(sharedKey, "sharedKey");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nonces = nonces;
    }

    @Override
    public void authenticate(AuthRequest request) {
        request.header(
                "Authorization",
                MeshAuthHeader.value(
                        mailbox, password, sharedKey, nonces.get(), "0", MeshAuthHeader.timestamp(clock.instant())));
    }

    @Override
    public String toString() {
        return "MeshAuthProvider[mailbox=" + mailbox + "]";
    }
}

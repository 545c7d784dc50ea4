package uk.nhs.sdk.reliability.lost;

import java.util.Random;
import java.util.regex.Pattern;
import uk.nhs.sdk.core.http.NhsResponse;
import uk.nhs.sdk.core.http.PipelineCall;
import uk.nhs.sdk.core.http.PipelineNext;
import uk.nhs.sdk.core.http.PipelinePolicy;
import uk.nhs.sdk.testkit.NhsSandbox;
import uk.nhs.sdk.testkit.SandboxFault;

/**
 * Draws, for every request a client sends, whether the sandbox breaks it: with the given rate, a
 * connection reset before the service handles the request, a reset after it did (the answer is
 * lost on its way back), or a 503 (before the service handles it, and, where the service's 503
 * does not prove that, also after). The draw is seeded, so a run is repeatable.
 *
 * <p>A per-attempt pipeline policy: it queues the drawn fault on the sandbox for the request's
 * own method and path just before the request is sent ({@code sandbox.faults()}), so it hits that
 * request and no other. It also counts the requests the SDK sent again ({@link #retries()}).
 * Meant for one thread at a time: the scenarios send their requests one after another.
 */
final class RandomFaults implements PipelinePolicy {
    private final NhsSandbox sandbox;
    private final Random random;
    private final double rate;
    private final boolean unavailableAfterProcessing;
    private int requests;
    private int injected;
    private int retries;
    private int resent;

    /**
     * @param sandbox the sandbox whose faults are queued
     * @param seed the seed of the draws
     * @param rate the share of requests broken, such as 0.10
     * @param unavailableAfterProcessing whether a 503 may also come after the service handled the
     *     request (PDS's and Notify's 503 do not prove the request was not applied; MESH's 503 to a
     *     message send does, so its fake never sends one after storing the message)
     */
    RandomFaults(NhsSandbox sandbox, long seed, double rate, boolean unavailableAfterProcessing) {
        this.sandbox = sandbox;
        this.random = new Random(seed);
        this.rate = rate;
        this.unavailableAfterProcessing = unavailableAfterProcessing;
    }

    @Override
    public synchronized NhsResponse process(PipelineCall call, PipelineNext next) {
        requests++;
        if (call.attempt() > 1) {
            retries++;
        }
        SandboxFault fault = draw();
        if (fault == null) {
            return next.process();
        }
        injected++;
        sandbox.faults()
                .injectNext(
                        call.request().method(),
                        ".*" + Pattern.quote(call.request().encodedPath()),
                        fault);
        try {
            NhsResponse r = next.process();
            if (fault.statusCode().isEmpty()) {
                resent++; // a reset, yet an answer: the HTTP layer re-sent the request inside the attempt
            }
            return r;
        } finally {
            sandbox.faults().clear();
        }
    }

    private SandboxFault draw() {
        if (random.nextDouble() >= rate) {
            return null;
        }
        int kind = random.nextInt(4);
        switch (kind) {
            case 0:
                return SandboxFault.connectionReset();
            case 1:
                return SandboxFault.connectionReset().afterProcessing();
            case 2:
                return SandboxFault.status(503);
            default:
                return unavailableAfterProcessing
                        ? SandboxFault.status(503).afterProcessing()
                        : SandboxFault.status(503);
        }
    }

    /** How many requests the policy saw, retries included. */
    synchronized int requests() {
        return requests;
    }

    /** How many of them it broke. */
    synchronized int injected() {
        return injected;
    }

    /**
     * How many times the SDK sent a request again: the retry loop's attempts after the first, and
     * the re-sends of an idempotent request that OkHttp makes inside one attempt when its
     * connection is reset (which the retry loop does not see).
     */
    synchronized int retries() {
        return retries + resent;
    }
}

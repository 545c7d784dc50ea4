package uk.nhs.sdk.reliability.faults;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import uk.nhs.sdk.core.http.NhsResponse;
import uk.nhs.sdk.core.http.PipelineCall;
import uk.nhs.sdk.core.http.PipelineNext;
import uk.nhs.sdk.core.http.PipelinePolicy;

/**
 * A per-attempt policy counting the attempts of the faulted request (its method, and a path the
 * row's pattern matches) once the cell is armed, as the SDK's own pipeline sees them (refused
 * connections included); before the first of them it runs the cell's trigger (a port closing).
 */
final class AttemptCounter implements PipelinePolicy {
    private final String method;
    private final Pattern path;
    private final AtomicInteger attempts = new AtomicInteger();
    private volatile boolean armed;
    private volatile Runnable trigger;

    AttemptCounter(String method, Pattern path) {
        this.method = method;
        this.path = path;
    }

    void arm(Runnable onFirstAttempt) {
        trigger = onFirstAttempt;
        armed = true;
    }

    int attempts() {
        return attempts.get();
    }

    @Override
    public NhsResponse process(PipelineCall call, PipelineNext next) {
        if (armed
                && call.request().method().equals(method)
                && path.matcher(call.request().encodedPath()).matches()) {
            if (attempts.incrementAndGet() == 1 && trigger != null) {
                trigger.run();
            }
        }
        return next.process();
    }
}

package uk.nhs.sdk.core.internal.http;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.nhs.sdk.core.RetryOptions;
import uk.nhs.sdk.core.Sleeper;
import uk.nhs.sdk.core.error.NhsTimeoutException;
import uk.nhs.sdk.core.error.NhsTransportException;
import uk.nhs.sdk.core.http.Idempotency;
import uk.nhs.sdk.core.http.NhsResponse;
import uk.nhs.sdk.core.http.PipelineCall;
import uk.nhs.sdk.core.http.PipelineEvents;
import uk.nhs.sdk.core.http.PipelineNext;
import uk.nhs.sdk.core.http.PipelinePolicy;

/**
 * The retry loop, the last per-call step (DESIGN.md §3 "Retries"): it runs the per-attempt chain
 * until an attempt succeeds or must not be repeated, waiting on the caller's thread. Internal.
 *
 * <ul>
 *   <li>An attempt that got no response is retried when nothing was sent, or when the request is
 *       SAFE or KEYED; a NONE request is never replayed once bytes went out.</li>
 *   <li>408, 429, 502, 503, 504 are retried for SAFE and KEYED requests, and any status the
 *       request lists as proving it was not applied ({@link uk.nhs.sdk.core.http.NhsRequest#retryOnStatuses()}).</li>
 *   <li>A body that cannot be replayed is never sent twice.</li>
 *   <li>The wait: {@code Retry-After} when given (beyond its cap the call ends), else exponential
 *       backoff with jitter, capped; never past the call's deadline; each retry paid from the
 *       client's {@link RetryBudget}.</li>
 *   <li>One 401 refreshed by the auth step is tried again at once, outside the count.</li>
 *   <li>Once an attempt of a write was sent and got no answer, every later failure of the call is
 *       outcome-unknown.</li>
 * </ul>
 */
final class RetryStep implements PipelinePolicy {
    private static final Logger LOG = LoggerFactory.getLogger("uk.nhs.sdk.http");
    private static final Set<Integer> RETRYABLE_STATUS = Set.of(408, 429, 502, 503, 504);

    private final RetryOptions options;
    private final Sleeper sleeper;
    private final PipelineEvents events;
    private final RetryBudget budget;
    private final StatusErrors errors;

    RetryStep(RetryOptions options, Sleeper sleeper, RetryBudget budget, StatusErrors errors, PipelineEvents events) {
        this.events = events;
        this.options = options;
        this.sleeper = sleeper;
        this.budget = budget;
        this.errors = errors;
    }

    @Override
    public NhsResponse process(PipelineCall c, PipelineNext next) {
        CallState call = (CallState) c;
        int spent = 0;
        int retries = 0;
        while (true) {
            if (!call.timeLeft()) {
                throw deadlinePassed(call, "the call's deadline passed", null);
            }
            NhsResponse response = null;
            NhsTransportException failure = null;
            call.beginAttempt();
            try {
                response = next.process();
            } catch (NhsTransportException e) {
                failure = e;
                if (call.attemptSent()) {
                    call.markUnansweredWrite();
                }
            } finally {
                call.endAttempt();
            }
            if (response != null && response.status() / 100 == 2) {
                budget.onSuccess(spent);
                return response;
            }
            if (response != null && call.takeAuthRetry() && call.canResend()) {
                response.close();
                continue;
            }
            Duration retryAfter = null;
            if (response != null) {
                retryAfter = RetryAfter.parse(response.header("Retry-After").orElse(null), call.clock())
                        .orElse(null);
                if (retryAfter != null) {
                    call.retryAfter(retryAfter);
                }
            }
            if (!retryable(call, response, failure) || retries + 1 >= options.maxAttempts()) {
                throw finish(call, response, failure);
            }
            Duration wait;
            if (retryAfter != null) {
                if (retryAfter.compareTo(options.maxRetryAfter()) > 0) {
                    throw finish(call, response, failure);
                }
                wait = retryAfter;
            } else {
                wait = backoff(retries + 1);
            }
            if (wait.compareTo(call.remaining()) >= 0) {
                if (response != null) {
                    throw finish(call, response, null);
                }
                throw deadlinePassed(call, "the call's deadline would pass before the next attempt", failure);
            }
            int cost = failure instanceof NhsTimeoutException ? RetryBudget.TIMEOUT_COST : RetryBudget.RETRY_COST;
            if (!budget.tryAcquire(cost)) {
                LOG.debug(
                        "{} {} {}: retry budget spent, not retrying (X-Request-ID={})",
                        call.service(),
                        call.request().method(),
                        call.request().pathTemplate(),
                        call.request().requestId());
                throw finish(call, response, failure);
            }
            spent += cost;
            retries++;
            if (response != null) {
                response.close();
            }
            LOG.debug(
                    "{} {} {} retrying in {} ms (X-Request-ID={})",
                    call.service(),
                    call.request().method(),
                    call.request().pathTemplate(),
                    wait.toMillis(),
                    call.request().requestId());
            events.retryScheduled(call, call.attempt() + 1, wait);
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NhsTransportException(
                        "interrupted while waiting to retry",
                        call.details(),
                        call.unansweredWrite(),
                        reconcileId(call),
                        e);
            }
        }
    }

    private static boolean retryable(CallState call, NhsResponse response, NhsTransportException failure) {
        if (!call.canResend() || Thread.currentThread().isInterrupted()) {
            return false;
        }
        Idempotency idem = call.request().idempotency();
        if (response != null) {
            int s = response.status();
            return idem != Idempotency.NONE && RETRYABLE_STATUS.contains(s)
                    || call.request().retryOnStatuses().contains(s);
        }
        if (failure != call.transportFailure() || call.interrupted()) {
            return false;
        }
        return !call.attemptSent() || idem != Idempotency.NONE;
    }

    private Duration backoff(int retryNumber) {
        long base = options.initialBackoff().toMillis() << Math.min(retryNumber - 1, 20);
        long capped = Math.min(base, options.maxBackoff().toMillis());
        return Duration.ofMillis((long) (capped * ThreadLocalRandom.current().nextDouble(0.75, 1.0)));
    }

    private RuntimeException finish(CallState call, NhsResponse response, NhsTransportException failure) {
        if (response != null) {
            return errors.toException(response, call.details());
        }
        boolean timeout = failure instanceof NhsTimeoutException;
        String message = baseMessage(call, failure);
        return timeout
                ? new NhsTimeoutException(
                        message, call.details(), call.unansweredWrite(), reconcileId(call), failure.getCause())
                : new NhsTransportException(
                        message, call.details(), call.unansweredWrite(), reconcileId(call), failure.getCause());
    }

    private static NhsTimeoutException deadlinePassed(CallState call, String message, NhsTransportException last) {
        return new NhsTimeoutException(
                message,
                call.details(),
                call.unansweredWrite(),
                reconcileId(call),
                last == null ? null : last.getCause());
    }

    private static String baseMessage(CallState call, NhsTransportException e) {
        return e == call.transportFailure() ? call.failureReason() : e.getMessage();
    }

    private static String reconcileId(CallState call) {
        return call.request().reconcileId().orElse(null);
    }
}

package uk.nhs.sdk.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.error.CallDetails;
import uk.nhs.sdk.core.error.NhsServiceException;
import uk.nhs.sdk.core.http.NhsRequest;

/** Many threads recording hostile tuples at once lose no call and stay under the bounds. */
class ConcurrentRecordingTest {
    private static final int THREADS = 8;
    private static final int CALLS = 3_000;

    @Test
    void concurrentHostileCallsAreAllCountedOnABoundedSetOfMeters() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        NhsMetrics metrics = NhsMetrics.of(registry);
        MetricsCallPolicy policy = new MetricsCallPolicy(metrics);
        MetricsAttemptPolicy attempts = new MetricsAttemptPolicy(metrics);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < CALLS; i++) {
                        int n = thread * CALLS + i;
                        FakeCall call = new FakeCall(
                                n % 3 == 0 ? "PDS" : "Service " + (n % 50),
                                NhsRequest.builder("GET", "/p" + (n % 100) + "/{id}")
                                        .pathParam("id", "x")
                                        .build());
                        NhsServiceException e =
                                NhsServiceException.forStatus(400 + n % 200, "CODE_" + n, null, CallDetails.none());
                        catchThrowable(() -> policy.process(
                                call,
                                () -> attempts.process(call, () -> {
                                    throw e;
                                })));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        long recorded = 0;
        for (Meter m : MeterAssertions.meters(registry, NhsMetrics.CALLS)) {
            recorded += ((Timer) m).count();
            assertThat(m.getId().getTag("error_code")).isEqualTo("other");
        }
        assertThat(recorded).isEqualTo((long) THREADS * CALLS);
        long attempted = 0;
        for (Meter m : MeterAssertions.meters(registry, NhsMetrics.ATTEMPTS)) {
            attempted += ((Timer) m).count();
        }
        assertThat(attempted).isEqualTo((long) THREADS * CALLS);
        // 33 service values; per service at most 1,000 tuples plus the overflow tuples (outcome x status class)
        int perService = ServiceMeters.MAX_TUPLES + TagValues.OUTCOMES.size() * 3;
        assertThat(MeterAssertions.meters(registry, NhsMetrics.CALLS))
                .hasSizeLessThanOrEqualTo((NhsMetrics.MAX_SERVICES + 1) * perService);
        assertThat(MeterAssertions.meters(registry, NhsMetrics.CALLS).stream()
                        .map(m -> m.getId().getTag("service"))
                        .distinct()
                        .count())
                .isLessThanOrEqualTo(NhsMetrics.MAX_SERVICES + 1);
    }
}

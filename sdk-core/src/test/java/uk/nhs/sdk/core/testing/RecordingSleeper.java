package uk.nhs.sdk.core.testing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import uk.nhs.sdk.core.Sleeper;

/**
 * A sleeper that records each requested wait, advances an optional {@link MutableClock}, and
 * never sleeps.
 */
public final class RecordingSleeper implements Sleeper {
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final MutableClock clock;

    /** A sleeper that only records. */
    public RecordingSleeper() {
        this(null);
    }

    /**
     * A sleeper that records and advances a clock.
     *
     * @param clock the clock to advance, or {@code null}
     */
    public RecordingSleeper(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        if (clock != null) {
            clock.advance(duration);
        }
    }

    /**
     * The waits requested so far.
     *
     * @return a snapshot
     */
    public List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }
}

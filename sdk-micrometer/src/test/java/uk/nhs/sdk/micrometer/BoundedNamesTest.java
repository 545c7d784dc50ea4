package uk.nhs.sdk.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The hot path neither locks nor runs the check again for a key it has answered. */
class BoundedNamesTest {

    @Test
    void aRefusedKeyIsCheckedOnce() {
        AtomicInteger checks = new AtomicInteger();
        BoundedNames<String> names = new BoundedNames<>(4, k -> {
            checks.incrementAndGet();
            return TagValues.name(k);
        });

        for (int i = 0; i < 1_000; i++) {
            assertThat(names.get("Patient 9000000009")).isEqualTo("other");
        }

        assertThat(checks).hasValue(1);
        assertThat(names.size()).isZero();
    }

    @Test
    void onceFullANewKeyIsOtherWithoutACheck() {
        AtomicInteger checks = new AtomicInteger();
        BoundedNames<String> names = new BoundedNames<>(2, k -> {
            checks.incrementAndGet();
            return k;
        });
        assertThat(names.get("a")).isEqualTo("a");
        assertThat(names.get("b")).isEqualTo("b");

        for (int i = 0; i < 1_000; i++) {
            assertThat(names.get("c" + i)).isEqualTo("other");
        }

        assertThat(checks).hasValue(2);
        assertThat(names.size()).isEqualTo(2);
        assertThat(names.get("a")).isEqualTo("a");
    }
}

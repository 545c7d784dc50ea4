package uk.nhs.sdk.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Finds the SDK's meters in a registry and checks their tags. */
final class MeterAssertions {
    private static final Pattern TEN_DIGITS = Pattern.compile("[0-9]{10}");

    private MeterAssertions() {}

    /** The count of the timer with exactly these tags (all of them), 0 when absent. */
    static long timerCount(MeterRegistry registry, String name, String... tags) {
        Timer t = registry.find(name).tags(tags).timer();
        return t == null ? 0 : t.count();
    }

    /** The count of the counter with these tags, 0 when absent. */
    static double counterCount(MeterRegistry registry, String name, String... tags) {
        Counter c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    /** The SDK's meters of one name. */
    static List<Meter> meters(MeterRegistry registry, String name) {
        return new ArrayList<>(registry.find(name).meters());
    }

    /** Every tag value of every SDK meter. */
    static List<String> tagValues(MeterRegistry registry) {
        List<String> values = new ArrayList<>();
        for (Meter m : registry.getMeters()) {
            if (m.getId().getName().startsWith("nhs.sdk.")) {
                for (Tag t : m.getId().getTags()) {
                    values.add(t.getValue());
                }
            }
        }
        return values;
    }

    /** No tag value holds a ten-digit number (an NHS number) or any of the given values. */
    static void assertNoPatientData(MeterRegistry registry, String... forbidden) {
        List<String> values = tagValues(registry);
        assertThat(values).isNotEmpty();
        for (String v : values) {
            assertThat(TEN_DIGITS.matcher(v).find())
                    .as("tag value %s holds a ten-digit number", v)
                    .isFalse();
            for (String f : forbidden) {
                assertThat(v).doesNotContain(f);
            }
        }
    }
}

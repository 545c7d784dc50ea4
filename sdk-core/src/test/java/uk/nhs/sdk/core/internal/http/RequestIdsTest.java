package uk.nhs.sdk.core.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * {@link RequestIds} writes UUIDs by hand from {@code ThreadLocalRandom}; these hold it to
 * {@link UUID}, the formatter and generator it replaced.
 */
class RequestIdsTest {
    @Property(tries = 10_000)
    void formatsAsUuidToStringDoes(@ForAll long msb, @ForAll long lsb) {
        assertThat(RequestIds.format(msb, lsb)).isEqualTo(new UUID(msb, lsb).toString());
    }

    @Property(tries = 2_000)
    void aRandomIdIsAVersion4IetfUuidInCanonicalForm(@ForAll int ignored) {
        String id = RequestIds.random();
        UUID parsed = UUID.fromString(id);
        assertThat(parsed.version()).isEqualTo(4);
        assertThat(parsed.variant()).isEqualTo(2);
        assertThat(parsed.toString()).isEqualTo(id);
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Example
    void idsDoNotRepeatAcrossThreads() throws InterruptedException {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                Set<String> mine = new HashSet<>();
                for (int i = 0; i < 50_000; i++) {
                    mine.add(RequestIds.random());
                }
                seen.addAll(mine);
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(seen).hasSize(threads.length * 50_000);
    }

    @Example
    void everyBitOutsideVersionAndVariantVaries() {
        long msbOr = 0;
        long msbAnd = -1;
        long lsbOr = 0;
        long lsbAnd = -1;
        for (int i = 0; i < 2_000; i++) {
            UUID u = UUID.fromString(RequestIds.random());
            msbOr |= u.getMostSignificantBits();
            msbAnd &= u.getMostSignificantBits();
            lsbOr |= u.getLeastSignificantBits();
            lsbAnd &= u.getLeastSignificantBits();
        }
        // fixed bits: version nibble 0100 in msb bits 12-15, variant 10 in lsb bits 62-63
        assertThat(msbOr).isEqualTo(~0xB000L);
        assertThat(msbAnd).isEqualTo(0x4000L);
        assertThat(lsbOr).isEqualTo(~(0x4000L << 48));
        assertThat(lsbAnd).isEqualTo(0x8000L << 48);
    }

    /**
     * Two JVMs whose {@code ThreadLocalRandom}s draw the same numbers (their 64-bit seeds come from
     * the clock, so a fleet started at once can share one) must still send different ids: the id
     * for the same draws in another process differs from this one's.
     */
    @Example
    void theSameDrawsGiveAnotherIdInAnotherProcess() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        RequestIdsTest.class.getName() + "$FixedDraws")
                .redirectErrorStream(true)
                .start();
        try {
            String theirs = new String(child.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isZero();
            String ours = RequestIds.fromDraws(FixedDraws.HIGH, FixedDraws.LOW);
            assertThat(UUID.fromString(theirs).version()).isEqualTo(4);
            assertThat(theirs).isNotEqualTo(ours);
            assertThat(RequestIds.fromDraws(FixedDraws.HIGH, FixedDraws.LOW)).isEqualTo(ours);
        } finally {
            child.destroyForcibly();
        }
    }

    /** Prints the id for fixed draws, in a process of its own. */
    static final class FixedDraws {
        static final long HIGH = 0x0123456789abcdefL;
        static final long LOW = 0xfedcba9876543210L;

        private FixedDraws() {}

        public static void main(String[] args) {
            System.out.println(RequestIds.fromDraws(HIGH, LOW));
        }
    }
}

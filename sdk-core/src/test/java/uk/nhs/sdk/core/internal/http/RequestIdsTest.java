package uk.nhs.sdk.core.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
}

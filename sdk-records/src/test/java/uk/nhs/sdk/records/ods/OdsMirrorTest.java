package uk.nhs.sdk.records.ods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uk.nhs.sdk.core.CircuitBreakerOptions;
import uk.nhs.sdk.core.NhsClientOptions;
import uk.nhs.sdk.core.OdsCode;
import uk.nhs.sdk.core.RateLimitOptions;
import uk.nhs.sdk.core.error.NhsConfigurationException;
import uk.nhs.sdk.core.http.PipelinePosition;
import uk.nhs.sdk.core.testing.MutableClock;
import uk.nhs.sdk.core.testing.RecordingSleeper;
import uk.nhs.sdk.records.RecordsApi;
import uk.nhs.sdk.testkit.NhsSandbox;
import uk.nhs.sdk.testkit.NhsSandboxExtension;
import uk.nhs.sdk.testkit.SandboxOds;

/**
 * The mirror against the embedded sandbox's ODS fake: a full load, an incremental update with
 * changes, role losses, new organisations and deletions, and a crash injected at every request and
 * at every file write of both, each resumed with no organisation lost or stored twice.
 */
@ExtendWith(NhsSandboxExtension.class)
class OdsMirrorTest {
    private static final LocalDate LOAD_DAY = LocalDate.of(2026, 11, 24);
    private static final LocalDate CHANGE_DAY = LocalDate.of(2026, 11, 25);

    @TempDir
    Path tmp;

    private MutableClock clock;
    private int dirs;

    /** The crash a fault hook throws. */
    static final class Crash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Crash(String where) {
            super("crash at " + where, null, false, false);
        }
    }

    @BeforeEach
    void clock() {
        clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    }

    private OdsClient client(NhsSandbox sandbox, int crashAtRequest) {
        AtomicInteger n = new AtomicInteger();
        NhsClientOptions.Builder o = NhsClientOptions.builder()
                .sleeper(new RecordingSleeper(clock))
                .circuitBreaker(CircuitBreakerOptions.disabled())
                .rateLimit(RateLimitOptions.perSecond(100_000, Duration.ZERO));
        if (crashAtRequest >= 0) {
            o.addPolicy(PipelinePosition.PER_CALL, (call, next) -> {
                if (n.getAndIncrement() == crashAtRequest) {
                    throw new Crash("request " + crashAtRequest);
                }
                return next.process();
            });
        }
        return OdsClient.builder()
                .baseUrl(sandbox.apiBaseUrl(RecordsApi.ODS.basePath()))
                .options(o.build())
                .apiKey(sandbox.application().apiKey())
                .build();
    }

    private OdsMirror.Builder mirror(Path dir, OdsClient client) {
        return OdsMirror.builder()
                .directory(dir)
                .client(client)
                .roles(OdsRole.GP_PRACTICE)
                .pageSize(3)
                .clock(clock);
    }

    private static Set<String> expected(OdsClient client) {
        return client.organizations(OdsSearch.builder()
                        .anyRole(OdsRole.GP_PRACTICE)
                        .pageSize(1000)
                        .build())
                .map(o -> o.odsCode().value())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> held(OdsMirror m) {
        List<String> codes = m.codes().stream().map(OdsCode::value).collect(Collectors.toList());
        assertThat(codes).doesNotHaveDuplicates();
        codes.forEach(c -> assertThat(m.lookup(OdsCode.of(c))).as(c).isPresent());
        return new TreeSet<>(codes);
    }

    private static void noTemporaryFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(p -> p.toString().endsWith(".tmp"))).isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path newDir() {
        return tmp.resolve("mirror-" + dirs++);
    }

    /** Changes the fake as a day of ODS updates would. */
    private static void changeTheFeed(NhsSandbox sandbox) {
        SandboxOds ods = SandboxOds.of(sandbox);
        ods.rename(OdsCode.of("Y05868"), "RENAMED DEMO PRACTICE", CHANGE_DAY);
        ods.setRoles(OdsCode.of("Z00001"), CHANGE_DAY, "RO182");
        ods.setRoles(OdsCode.of("Y99999"), CHANGE_DAY, "RO177", "RO76");
        ods.delete(OdsCode.of("Z00004"), CHANGE_DAY);
    }

    @Test
    void aFullLoadThenAnswersLookupsOfflineWithTheApisData(NhsSandbox sandbox) {
        SandboxOds.of(sandbox).generatedOrganisations(20);
        Path dir = newDir();
        OdsMirror.SyncResult r;
        Set<String> expected;
        try (OdsClient ods = client(sandbox, -1)) {
            expected = expected(ods);
            r = mirror(dir, ods).build().sync();
        }

        OdsMirror offline = OdsMirror.builder().directory(dir).build();
        assertThat(r.kind()).isEqualTo(OdsMirror.SyncResult.Kind.FULL);
        assertThat(r.pages()).isEqualTo(4);
        assertThat(r.written()).isEqualTo(11);
        assertThat(held(offline)).isEqualTo(expected).contains("Y05868").hasSize(11);
        assertThat(offline.lookup(OdsCode.of("Y05868")).orElseThrow().name()).isEqualTo("NRL SANDBOX DEMO GP PRACTICE");
        assertThat(offline.lookup(OdsCode.of("RR8"))).isEmpty();
        assertThat(offline.roles()).containsExactly(OdsRole.GP_PRACTICE);
        assertThat(offline.syncedFrom()).contains(LOAD_DAY);
        assertThat(offline.interrupted()).isFalse();
        assertThatThrownBy(offline::sync).isInstanceOf(NhsConfigurationException.class);
    }

    @Test
    void anIncrementalUpdateAppliesChangesRoleLossesNewOrganisationsAndDeletions(NhsSandbox sandbox) {
        SandboxOds.of(sandbox).generatedOrganisations(20);
        Path dir = newDir();
        try (OdsClient ods = client(sandbox, -1)) {
            mirror(dir, ods).build().sync();
            changeTheFeed(sandbox);
            clock.advance(Duration.ofDays(2));

            OdsMirror m = mirror(dir, ods).build();
            OdsMirror.SyncResult r = m.sync();

            assertThat(r.kind()).isEqualTo(OdsMirror.SyncResult.Kind.INCREMENTAL);
            assertThat(r.written()).isEqualTo(2);
            assertThat(r.removed()).isEqualTo(2);
            assertThat(held(m)).isEqualTo(expected(ods)).contains("Y99999").doesNotContain("Z00001", "Z00004");
            assertThat(m.lookup(OdsCode.of("Y05868")).orElseThrow().name()).isEqualTo("RENAMED DEMO PRACTICE");
            assertThat(m.syncedFrom()).contains(LOAD_DAY.plusDays(2));
        }
    }

    @Test
    void aFullLoadCrashedAtEveryRequestResumesWithNothingLostOrDuplicated(NhsSandbox sandbox) {
        SandboxOds.of(sandbox).generatedOrganisations(20);
        Set<String> expected;
        try (OdsClient ods = client(sandbox, -1)) {
            expected = expected(ods);
        }
        for (int k = 0; k < 4; k++) {
            Path dir = newDir();
            try (OdsClient crashing = client(sandbox, k)) {
                assertThatThrownBy(() -> mirror(dir, crashing).build().sync()).isInstanceOf(Crash.class);
            }
            try (OdsClient ods = client(sandbox, -1)) {
                OdsMirror m = mirror(dir, ods).build();
                assertThat(m.interrupted()).isTrue();
                OdsMirror.SyncResult r = m.sync();
                assertThat(r.resumed()).isTrue();
                assertThat(r.pages())
                        .as("pages fetched after a crash at request " + k)
                        .isEqualTo(4 - k);
                assertThat(held(m)).as("crash at request " + k).isEqualTo(expected);
            }
            noTemporaryFiles(dir);
        }
    }

    @Test
    void aFullLoadCrashedAtEveryWriteResumesWithNothingLostOrDuplicated(NhsSandbox sandbox) {
        SandboxOds.of(sandbox).generatedOrganisations(20);
        try (OdsClient ods = client(sandbox, -1)) {
            Set<String> expected = expected(ods);
            List<String> writes = new ArrayList<>();
            mirror(newDir(), ods).beforeChange(writes::add).build().sync();
            assertThat(writes).hasSizeGreaterThan(expected.size());
            for (int w = 0; w < writes.size(); w++) {
                Path dir = newDir();
                int at = w;
                assertThatThrownBy(() -> mirror(dir, ods)
                                .beforeChange(crashAt(writes.size(), at))
                                .build()
                                .sync())
                        .isInstanceOf(Crash.class);
                OdsMirror m = mirror(dir, ods).build();
                m.sync();
                assertThat(held(m)).as("crash before " + writes.get(w)).isEqualTo(expected);
                assertThat(m.interrupted()).isFalse();
                noTemporaryFiles(dir);
            }
        }
    }

    @Test
    void anUpdateCrashedAtEveryRequestAndEveryWriteResumesWithNothingLostOrDuplicated(NhsSandbox sandbox)
            throws IOException {
        SandboxOds.of(sandbox).generatedOrganisations(20);
        Path loaded = newDir();
        try (OdsClient ods = client(sandbox, -1)) {
            mirror(loaded, ods).build().sync();
            changeTheFeed(sandbox);
            clock.advance(Duration.ofDays(1));
            Set<String> expected = expected(ods);
            List<String> writes = new ArrayList<>();
            AtomicInteger requests = new AtomicInteger();
            mirror(copy(loaded), ods).beforeChange(writes::add).build().sync();
            requests.set(countRequests(sandbox, copy(loaded)));
            assertThat(writes).anyMatch(w -> w.startsWith("delete"));
            for (int k = 0; k < requests.get(); k++) {
                Path dir = copy(loaded);
                try (OdsClient crashing = client(sandbox, k)) {
                    assertThatThrownBy(() -> mirror(dir, crashing).build().sync())
                            .isInstanceOf(Crash.class);
                }
                resumeAndCheck(dir, ods, expected, "request " + k);
            }
            for (int w = 0; w < writes.size(); w++) {
                Path dir = copy(loaded);
                int at = w;
                assertThatThrownBy(() -> mirror(dir, ods)
                                .beforeChange(crashAt(writes.size(), at))
                                .build()
                                .sync())
                        .isInstanceOf(Crash.class);
                resumeAndCheck(dir, ods, expected, "before " + writes.get(w));
            }
        }
    }

    private void resumeAndCheck(Path dir, OdsClient ods, Set<String> expected, String where) {
        OdsMirror m = mirror(dir, ods).build();
        OdsMirror.SyncResult r = m.sync();
        assertThat(r.kind()).isEqualTo(OdsMirror.SyncResult.Kind.INCREMENTAL);
        assertThat(held(m)).as("crash at " + where).isEqualTo(expected);
        assertThat(m.lookup(OdsCode.of("Y05868")).orElseThrow().name())
                .as(where)
                .isEqualTo("RENAMED DEMO PRACTICE");
        noTemporaryFiles(dir);
    }

    private int countRequests(NhsSandbox sandbox, Path dir) {
        AtomicInteger n = new AtomicInteger();
        NhsClientOptions o = NhsClientOptions.builder()
                .sleeper(new RecordingSleeper(clock))
                .rateLimit(RateLimitOptions.perSecond(100_000, Duration.ZERO))
                .addPolicy(PipelinePosition.PER_CALL, (call, next) -> {
                    n.incrementAndGet();
                    return next.process();
                })
                .build();
        try (OdsClient ods = OdsClient.builder()
                .baseUrl(sandbox.apiBaseUrl(RecordsApi.ODS.basePath()))
                .options(o)
                .apiKey(sandbox.application().apiKey())
                .build()) {
            mirror(dir, ods).build().sync();
        }
        return n.get();
    }

    private static Consumer<String> crashAt(int total, int index) {
        AtomicInteger n = new AtomicInteger();
        return label -> {
            if (n.getAndIncrement() == index) {
                throw new Crash(label + " (" + index + " of " + total + ")");
            }
        };
    }

    private Path copy(Path from) throws IOException {
        Path to = newDir();
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.collect(Collectors.toList())) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    @Test
    void aDirectoryOfOtherRolesIsRefused(NhsSandbox sandbox) {
        SandboxOds.of(sandbox).generatedOrganisations(4);
        Path dir = newDir();
        try (OdsClient ods = client(sandbox, -1)) {
            mirror(dir, ods).build().sync();
            assertThatThrownBy(() -> OdsMirror.builder()
                            .directory(dir)
                            .client(ods)
                            .roles(OdsRole.PHARMACY)
                            .build())
                    .isInstanceOf(NhsConfigurationException.class)
                    .hasMessageContaining("other roles");
            assertThatThrownBy(() -> OdsMirror.builder()
                            .directory(newDir())
                            .client(ods)
                            .build()
                            .sync())
                    .isInstanceOf(NhsConfigurationException.class)
                    .hasMessageContaining("needs the roles");
        }
    }
}

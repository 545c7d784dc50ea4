package uk.nhs.sdk.records.ods.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mirror's files make a page durable as a whole: staged writes are invisible until
 * {@link MirrorFiles#commit()}, a crash during the commit leaves each file old or new (never torn),
 * and reopening removes the staged leftovers.
 */
class MirrorFilesTest {
    @TempDir
    Path dir;

    @Test
    void stagedWritesAppearOnlyAtCommitAndTheLaterOfTwoWins() {
        MirrorFiles files = new MirrorFiles(dir, label -> {});
        files.writeOrganisation("A1", "{\"v\":1}");
        files.writeOrganisation("A1", "{\"v\":2}");
        files.writeOrganisation("B2", "{\"v\":1}");
        assertThat(files.readOrganisation("A1")).isEmpty();
        assertThat(files.codes()).isEmpty();

        files.commit();

        assertThat(files.readOrganisation("A1")).contains("{\"v\":2}");
        assertThat(files.codes()).containsExactly("A1", "B2");
        assertThat(temporaryFiles()).isEmpty();
    }

    @Test
    void aCrashDuringTheCommitLeavesOldOrNewFilesAndReopeningCleansTheRest() {
        MirrorFiles before = new MirrorFiles(dir, label -> {});
        before.writeOrganisation("A1", "{\"v\":1}");
        before.writeOrganisation("B2", "{\"v\":1}");
        before.commit();

        List<String> seen = new ArrayList<>();
        MirrorFiles crashing = new MirrorFiles(dir, label -> {
            seen.add(label);
            if (label.equals("write B2")) {
                throw new IllegalStateException("crash");
            }
        });
        crashing.writeOrganisation("A1", "{\"v\":2}");
        crashing.writeOrganisation("B2", "{\"v\":2}");
        assertThatThrownBy(crashing::commit).hasMessage("crash");
        assertThat(seen).containsExactly("write A1", "write B2");

        MirrorFiles after = new MirrorFiles(dir, label -> {});
        assertThat(after.readOrganisation("A1")).contains("{\"v\":2}");
        assertThat(after.readOrganisation("B2")).contains("{\"v\":1}");
        assertThat(temporaryFiles()).isEmpty();
    }

    @Test
    void deletingAStagedOrganisationDropsTheStagedWrite() {
        MirrorFiles files = new MirrorFiles(dir, label -> {});
        files.writeOrganisation("A1", "{\"v\":1}");
        assertThat(files.deleteOrganisation("A1")).isFalse();
        files.commit();
        assertThat(files.codes()).isEmpty();
        assertThat(temporaryFiles()).isEmpty();
    }

    private List<Path> temporaryFiles() {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> p.toString().endsWith(".tmp")).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}

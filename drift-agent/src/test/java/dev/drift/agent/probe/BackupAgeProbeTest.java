package dev.drift.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupAgeProbeTest {
    private static final Instant NOW = Instant.parse("2026-12-05T06:00:00Z");

    @TempDir
    Path backups;

    private ProbeResult run() {
        return new BackupAgeProbe(backups, Duration.ofHours(26), Clock.fixed(NOW, ZoneOffset.UTC)).run();
    }

    private void backup(String name, Duration age) throws IOException {
        Path file = backups.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "dump");
        Files.setLastModifiedTime(file, FileTime.from(NOW.minus(age)));
    }

    @Test
    void theNewestBackupCountsAndYoungEnoughIsOk() throws IOException {
        backup("db/2026-12-01.sql.gz", Duration.ofDays(4));
        backup("db/2026-12-05.sql.gz", Duration.ofMinutes(330));

        ProbeResult r = run();

        assertThat(r.status()).isEqualTo(ProbeResult.Status.OK);
        assertThat(r.measurements()).containsEntry("age_hours", new BigDecimal("5.5"));
    }

    @Test
    void aBackupOlderThanTheBoundIsDrift() throws IOException {
        backup("etc.tar", Duration.ofHours(40));

        ProbeResult r = run();

        assertThat(r.status()).isEqualTo(ProbeResult.Status.DRIFT);
        assertThat(r.measurements()).containsEntry("age_hours", new BigDecimal("40.0"));
    }

    @Test
    void noBackupAtAllIsDriftWithTheAgeUnknown() {
        ProbeResult r = run();

        assertThat(r.status()).isEqualTo(ProbeResult.Status.DRIFT);
        assertThat(r.measurements()).containsEntry("age_hours", null);
    }

    @Test
    void aMissingDirectoryCannotBeJudged() {
        BackupAgeProbe probe = new BackupAgeProbe(backups.resolve("nope"), Duration.ofHours(26), Clock.systemUTC());

        assertThatThrownBy(probe::run).isInstanceOf(ProbeFailure.class).hasMessageContaining("not a readable directory");
    }
}

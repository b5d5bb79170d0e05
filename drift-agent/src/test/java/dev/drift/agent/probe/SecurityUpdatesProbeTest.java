package dev.drift.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecurityUpdatesProbeTest {
    private static final Instant DAY_0 = Instant.parse("2026-12-01T06:00:00Z");
    private static final String TWO_PENDING = """
            Reading package lists...
            Calculating upgrade...
            The following packages will be upgraded:
              libssl3 openssl tzdata
            Inst libssl3 [3.0.11-1~deb12u1] (3.0.13-1~deb12u1 Debian-Security:12/stable-security [amd64])
            Inst openssl [3.0.11-1~deb12u1] (3.0.13-1~deb12u1 Debian-Security:12/stable-security [amd64])
            Inst tzdata [2024a-0+deb12u1] (2024b-0+deb12u1 Debian:12.8/stable [all])
            Conf libssl3 (3.0.13-1~deb12u1 Debian-Security:12/stable-security [amd64])
            """;
    private static final String ONE_PENDING = """
            Inst openssl [3.0.11-1~deb12u1] (3.0.13-1~deb12u1 Debian-Security:12/stable-security [amd64])
            """;

    @TempDir
    Path state;

    private ProbeResult runAt(Instant now, String simulation) {
        FakeCommands apt = new FakeCommands().answer("apt-get -s", 0, simulation);
        return new SecurityUpdatesProbe(Duration.ofDays(7), apt, Duration.ofSeconds(1), state,
                Clock.fixed(now, ZoneOffset.UTC)).run();
    }

    @Test
    void onlyUpdatesFromASecurityOriginCount() {
        assertThat(SecurityUpdatesProbe.securityUpdates(TWO_PENDING)).containsExactly("libssl3", "openssl");
    }

    @Test
    void anUpdatePendingLongerThanTheBoundIsDriftCountedFromWhenItWasFirstSeen() {
        ProbeResult first = runAt(DAY_0, TWO_PENDING);
        assertThat(first.status()).isEqualTo(ProbeResult.Status.OK);
        assertThat(first.measurements()).containsEntry("pending", 2).containsEntry("oldest_pending_days", 0L);

        ProbeResult later = runAt(DAY_0.plus(Duration.ofDays(9)), ONE_PENDING);

        assertThat(later.status()).isEqualTo(ProbeResult.Status.DRIFT);
        assertThat(later.measurements()).containsEntry("pending", 1).containsEntry("oldest_pending_days", 9L);
        assertThat(later.details()).contains("openssl", "bound 7 days");
    }

    @Test
    void anInstalledUpdateIsForgottenSoItsNextReleaseStartsAFreshClock() {
        runAt(DAY_0, ONE_PENDING);
        runAt(DAY_0.plus(Duration.ofDays(3)), "Reading package lists...\n");

        ProbeResult again = runAt(DAY_0.plus(Duration.ofDays(10)), ONE_PENDING);

        assertThat(again.status()).isEqualTo(ProbeResult.Status.OK);
        assertThat(again.measurements()).containsEntry("oldest_pending_days", 0L);
    }
}

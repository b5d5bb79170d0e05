package dev.drift.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeSyncProbeTest {
    private static final String TRACKING = """
            Reference ID    : C0A80101 (192.168.1.1)
            Stratum         : 3
            Ref time (UTC)  : Sat Dec 05 06:00:01 2026
            System time     : %s seconds %s of NTP time
            Last offset     : +0.000012345 seconds
            Leap status     : %s
            """;

    private static ProbeResult run(FakeCommands commands) {
        return new TimeSyncProbe(Duration.ofMillis(500), commands, Duration.ofSeconds(1)).run();
    }

    @Test
    void chronyWithinTheBoundIsOk() {
        ProbeResult r = run(new FakeCommands().answer("chronyc -n", 0, TRACKING.formatted("0.000123456", "fast", "Normal")));

        assertThat(r.status()).isEqualTo(ProbeResult.Status.OK);
        assertThat(r.measurements()).containsEntry("synchronized", true)
                .containsEntry("offset_ms", new BigDecimal("0.123"));
    }

    @Test
    void anOffsetBeyondTheBoundIsDrift() {
        ProbeResult r = run(new FakeCommands().answer("chronyc -n", 0, TRACKING.formatted("1.250000000", "slow", "Normal")));

        assertThat(r.status()).isEqualTo(ProbeResult.Status.DRIFT);
        assertThat(r.details()).contains("1250.000 ms slow", "bound 500 ms");
    }

    @Test
    void notSynchronisedIsDriftWhateverTheOffset() {
        ProbeResult r = run(new FakeCommands().answer("chronyc -n", 0,
                TRACKING.formatted("0.000000000", "fast", "Not synchronised")));

        assertThat(r.status()).isEqualTo(ProbeResult.Status.DRIFT);
        assertThat(r.measurements()).containsEntry("synchronized", false);
    }

    @Test
    void withoutChronyTimedatectlAnswersAndTheOffsetIsUnknown() {
        ProbeResult r = run(new FakeCommands().answer("timedatectl show", 0, "yes\n"));

        assertThat(r.status()).isEqualTo(ProbeResult.Status.OK);
        assertThat(r.measurements()).containsEntry("synchronized", true).containsEntry("offset_ms", null);
    }

    @Test
    void withNeitherToolTheProbeFailsInsteadOfPassing() {
        assertThatThrownBy(() -> run(new FakeCommands().answer("timedatectl show", 1, "")))
                .isInstanceOf(ProbeFailure.class).hasMessageContaining("neither chronyc");
    }

    @Test
    void chronyOutputWithoutTheLinesItNeedsFails() {
        assertThatThrownBy(() -> run(new FakeCommands().answer("chronyc -n", 0, "506 Cannot talk to daemon\n")))
                .isInstanceOf(ProbeFailure.class);
    }
}

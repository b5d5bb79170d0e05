package dev.drift.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceActiveProbeTest {

    @Test
    void anActiveUnitIsOk() {
        FakeCommands commands = new FakeCommands().answer("systemctl is-active", 0, "active\n");
        ProbeResult r = new ServiceActiveProbe("ssh", commands, Duration.ofSeconds(1)).run();

        assertThat(r.check()).isEqualTo("service:ssh");
        assertThat(r.status()).isEqualTo(ProbeResult.Status.OK);
        assertThat(commands.ran).containsExactly(List.of("systemctl", "is-active", "ssh"));
    }

    @Test
    void anyOtherStateIsDriftWithTheState() {
        FakeCommands commands = new FakeCommands().answer("systemctl is-active", 3, "failed\n");
        ProbeResult r = new ServiceActiveProbe("ssh", commands, Duration.ofSeconds(1)).run();

        assertThat(r.status()).isEqualTo(ProbeResult.Status.DRIFT);
        assertThat(r.measurements()).containsEntry("state", "failed");
    }

    @Test
    void withoutSystemctlTheProbeFails() {
        ServiceActiveProbe probe = new ServiceActiveProbe("ssh", new FakeCommands(), Duration.ofSeconds(1));

        assertThatThrownBy(probe::run).isInstanceOf(ProbeFailure.class);
    }
}

package dev.drift.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncryptedVolumesProbeTest {
    /** A disk with /boot in the clear and LVM on LUKS for / and /var; a second disk in the clear. */
    private static final String LSBLK = """
            {"blockdevices": [
              {"name": "sda", "type": "disk", "mountpoints": [null], "children": [
                {"name": "sda1", "type": "part", "mountpoints": ["/boot"]},
                {"name": "sda2", "type": "part", "mountpoints": [null], "children": [
                  {"name": "sda2_crypt", "type": "crypt", "mountpoints": [null], "children": [
                    {"name": "vg-root", "type": "lvm", "mountpoints": ["/"]},
                    {"name": "vg-var", "type": "lvm", "mountpoints": ["/var"]}
                  ]}
                ]}
              ]},
              {"name": "sdb", "type": "disk", "mountpoint": "/srv/data"}
            ]}
            """;

    private static ProbeResult run(List<String> mounts) {
        FakeCommands commands = new FakeCommands().answer("lsblk -J", 0, LSBLK);
        return new EncryptedVolumesProbe(mounts, commands, Duration.ofSeconds(1)).run();
    }

    @Test
    void mountPointsUnderACryptDeviceAreEncrypted() {
        ProbeResult r = run(List.of("/", "/var"));

        assertThat(r.status()).isEqualTo(ProbeResult.Status.OK);
        assertThat(r.measurements()).containsEntry("unencrypted", 0);
    }

    @Test
    void mountPointsInTheClearAreDriftAndNamed() {
        ProbeResult r = run(List.of("/", "/boot", "/srv/data"));

        assertThat(r.status()).isEqualTo(ProbeResult.Status.DRIFT);
        assertThat(r.measurements()).containsEntry("unencrypted", 2);
        assertThat(r.details()).isEqualTo("not encrypted: /boot, /srv/data");
    }

    @Test
    void aMountPointLsblkDoesNotListCannotBeJudged() {
        assertThatThrownBy(() -> run(List.of("/home"))).isInstanceOf(ProbeFailure.class)
                .hasMessageContaining("/home is not on a block device");
    }
}

package dev.drift.agent.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void replacesSquareBracketsInKeysBecauseKeysAreFieldPathKeys() {
        Settings settings = Settings.builder().add("Match Address [::1]/X", "yes").add("  ", "skipped").build();

        assertThat(settings.keys()).containsExactly("Match Address (::1)/X");
    }

    @Test
    void choosesTheParserByFileNameAndDropInDirectory() {
        assertThat(SettingsParsers.forPath(Path.of("/etc/ssh/sshd_config"))).containsInstanceOf(SshdConfigParser.class);
        assertThat(SettingsParsers.forPath(Path.of("/etc/ssh/sshd_config.d/50-cloud.conf")))
                .containsInstanceOf(SshdConfigParser.class);
        assertThat(SettingsParsers.forPath(Path.of("/etc/sysctl.d/99-net.conf"))).containsInstanceOf(SysctlParser.class);
        assertThat(SettingsParsers.forPath(Path.of("/etc/sudoers.d/backup"))).containsInstanceOf(SudoersParser.class);
        assertThat(SettingsParsers.forPath(Path.of("/etc/shadow"))).containsInstanceOf(ShadowParser.class);
        assertThat(SettingsParsers.forPath(Path.of("/etc/fstab"))).isEmpty();
        assertThat(SettingsParsers.forPath(Path.of("/etc/sysctl.d/README"))).isEmpty();
    }
}

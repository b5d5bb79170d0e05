package dev.drift.service.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FieldPathTest {

    @ParameterizedTest
    @ValueSource(strings = {"power_state", "interface[eth0].network", "file[/etc/ssh/sshd_config].setting[PermitRootLogin]",
        "package[openssh-server].version", "service[ssh].state", "file[/etc/sysctl.d/99-x.conf].setting[net.ipv4.ip_forward]"})
    void parsesAndPrintsCanonicalText(String text) {
        assertThat(FieldPath.parse(text).toString()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Power", "file[", "file[]", "a..b", "a.", ".a", "a[x]b", "a[x[y]]", "9lives"})
    void rejectsMalformedPathsWithTheirPosition(String text) {
        assertThatThrownBy(() -> FieldPath.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("field path");
    }

    @ParameterizedTest
    @CsvSource({
        "power_state, state",
        "vcpus, state",
        "memory_mb, state",
        "interface[eth0].network, network",
        "file[/etc/ssh/sshd_config].setting[PermitRootLogin], configuration",
        "file[/etc/shadow].sha256, security",
        "file[/etc/hosts].mode, security",
        "package[openssl].version, package",
        "firmware[bios].version, firmware",
        "service[ssh].state, configuration",
        "ci.registered, state"})
    void derivesTheCategoryFromThePath(String path, String category) {
        assertThat(FieldPath.parse(path).category().wireName()).isEqualTo(category);
    }

    @ParameterizedTest
    @CsvSource({
        "'file[/etc/hosts].*', 'file[/etc/hosts].sha256', true",
        "'file[/etc/hosts].*', 'file[/etc/hostsx].sha256', false",
        "'package[*].version', 'package[openssl].version', true",
        "'interface[docker*].*', 'interface[docker0].network', true",
        "'interface[docker*].*', 'interface[eth0].network', false",
        "'power_state', 'power_state', true"})
    void globPatternsMatchCanonicalPaths(String glob, String path, boolean matches) {
        assertThat(FieldPattern.of(glob).matches(FieldPath.parse(path))).isEqualTo(matches);
    }
}

package dev.drift.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final Path SHIPPED = Path.of("../deploy/agent/drift-agent.yml");

    @TempDir
    Path dir;

    @Test
    void withoutArgumentsUsesTheDefaultsAndTheHostName() {
        AgentConfig config = ConfigLoader.load(List.of(), "web01");

        assertThat(config.ciId()).isEqualTo("web01");
        assertThat(config.watch()).isEqualTo(AgentConfig.DEFAULT_WATCH);
        assertThat(config.stateDir()).isEqualTo(Path.of("/var/lib/drift-agent"));
        assertThat(config.spoolDir()).isEqualTo(Path.of("/var/lib/drift-agent/spool"));
        assertThat(config.sensitive().matches(Path.of("/etc/shadow"))).isTrue();
        assertThat(config.sensitive().matches(Path.of("/etc/ssh/ssh_host_ed25519_key"))).isTrue();
        assertThat(config.sensitive().matches(Path.of("/etc/ssh/ssh_host_ed25519_key.pub"))).isFalse();
        assertThat(config.ignore().matches(Path.of("/etc/.sudoers.swp"))).isTrue();
        assertThat(config.dryRun()).isFalse();
    }

    @Test
    void theShippedFileDocumentsExactlyTheDefaults() {
        AgentConfig shipped = ConfigLoader.load(List.of("--config", SHIPPED.toString()), "web01");
        AgentConfig defaults = AgentConfig.defaults("web01");

        assertThat(shipped.watch()).isEqualTo(defaults.watch());
        assertThat(shipped.sensitive().globs()).isEqualTo(defaults.sensitive().globs());
        assertThat(shipped.ignore().globs()).isEqualTo(defaults.ignore().globs());
        assertThat(shipped).usingRecursiveComparison().ignoringFields("sensitive", "ignore").isEqualTo(defaults);
    }

    @Test
    void probesAreConfiguredOrTurnedOff() throws IOException {
        Path on = Files.writeString(dir.resolve("probes.yml"), """
                probes:
                  services: [ssh, chrony]
                  backup-dir: null
                  encrypted-mountpoints: [/]
                  certificates: {"443": /etc/ssl/certs/web.pem}
                  min-certificate-days: 30
                """);
        Path off = Files.writeString(dir.resolve("off.yml"), "probes: {enabled: false}\n");

        var probes = ConfigLoader.load(List.of("--config", on.toString()), "web01").probes().orElseThrow();

        assertThat(probes.services()).containsExactly("ssh", "chrony");
        assertThat(probes.backupDirectory()).isNull();
        assertThat(probes.encryptedMountpoints()).containsExactly("/");
        assertThat(probes.certificates()).containsEntry("443", Path.of("/etc/ssl/certs/web.pem"));
        assertThat(probes.minCertificateDays()).isEqualTo(30);
        assertThat(probes.interval()).isEqualTo(java.time.Duration.ofMinutes(5));
        assertThat(ConfigLoader.load(List.of("--config", off.toString()), "web01").probes()).isEmpty();
    }

    @Test
    void aBadProbeSettingIsRefusedByName() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.yml"), "probes: {interval-seconds: 0}\n");

        assertThatThrownBy(() -> ConfigLoader.load(List.of("--config", file.toString()), "web01"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("probes")
                .hasMessageContaining("probe interval must be positive");
    }

    @Test
    void readsTheFileAndLetsFlagsOverrideIt() throws IOException {
        Path file = Files.writeString(dir.resolve("agent.yml"), """
                ci-id: from-file
                watch:
                  - /etc/hosts
                  - {path: /etc/ssh, recursive: true}
                state-dir: /srv/drift
                coalesce-ms: 20
                spool: {max-bytes: 1000}
                heartbeat-seconds: 5
                """);

        AgentConfig config = ConfigLoader.load(List.of("--config", file.toString(), "--ci-id", "from-flag",
                "--redis", "redis://cache:6380", "--dry-run"), "web01");

        assertThat(config.ciId()).isEqualTo("from-flag");
        assertThat(config.watch()).containsExactly(WatchTarget.file("/etc/hosts"), WatchTarget.tree("/etc/ssh"));
        assertThat(config.stateDir()).isEqualTo(Path.of("/srv/drift"));
        assertThat(config.spoolDir()).isEqualTo(Path.of("/srv/drift/spool"));
        assertThat(config.spoolMaxBytes()).isEqualTo(1000);
        assertThat(config.coalesce()).isEqualTo(Duration.ofMillis(20));
        assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.redisUri()).isEqualTo(URI.create("redis://cache:6380"));
        assertThat(config.dryRun()).isTrue();
    }

    @Test
    void watchFlagsReplaceTheListAndWatchDirectoriesRecursively() throws IOException {
        Path file = Files.writeString(dir.resolve("hosts"), "");

        AgentConfig config = ConfigLoader.load(List.of("--watch", dir.toString(), "--watch", file.toString()), "h");

        assertThat(config.watch()).containsExactly(new WatchTarget(dir, true), new WatchTarget(file, false));
    }

    @Test
    void refusesUnknownKeysWrongTypesAndBadValuesNamingThem() throws IOException {
        assertInvalid("coalesce_ms: 5\n", "coalesce_ms: unknown setting");
        assertInvalid("coalesce-ms: soon\n", "coalesce-ms: expected a whole number");
        assertInvalid("watch: /etc/hosts\n", "watch: expected a list");
        assertInvalid("watch: [etc/hosts]\n", "path must be absolute");
        assertInvalid("redis-uri: http://cache\n", "expected a redis:// or rediss:// URI");
        assertInvalid("ignore: ['[']\n", "invalid path pattern '['");
        assertInvalid("ci-id: two words\n", "ci-id must be 1-255 characters without spaces");
        assertInvalid("watch: [\n", "not valid YAML");
    }

    @Test
    void refusesUnknownFlagsAndMissingValues() {
        assertThatThrownBy(() -> ConfigLoader.load(List.of("--wacth", "/etc"), "h"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown option '--wacth'");
        assertThatThrownBy(() -> ConfigLoader.load(List.of("--ci-id"), "h"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--ci-id needs a value");
        assertThatThrownBy(() -> ConfigLoader.load(List.of("--config", dir.resolve("none.yml").toString()), "h"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cannot read");
    }

    private void assertInvalid(String yaml, String message) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.yml"), yaml);
        assertThatThrownBy(() -> ConfigLoader.load(List.of("--config", file.toString()), "h"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining(message);
    }
}

package dev.drift.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drift.agent.config.AgentConfig;
import dev.drift.agent.config.HostRoot;
import dev.drift.agent.config.PathPatterns;
import dev.drift.agent.config.WatchTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent in a container reads the host's files under the host root ({@code /host}) but watches,
 * matches secrets and reports by the node's paths, so its events name {@code /etc/...} as an agent on
 * the node would.
 */
class HostRootTest {
    private static final String SHADOW_HASH = "$6$rounds=5000$salt$cafebabe";

    @TempDir
    Path tmp;

    @Test
    void eventsNameNodePathsAndSecretPatternsApplyUnderTheHostRoot() throws IOException {
        Path host = tmp.resolve("host");
        Path sshd = write(host.resolve("etc/ssh/sshd_config"), "PermitRootLogin no\n");
        Path shadow = write(host.resolve("etc/shadow"), "root:" + SHADOW_HASH + ":19000:0:99999:7:::\n");
        RecordingSink sink = new RecordingSink();

        try (Agent agent = Agent.start(config(host), sink, Clock.systemUTC())) {
            sink.clear();
            Files.writeString(sshd, "PermitRootLogin yes\n");
            Files.writeString(shadow, "root:" + SHADOW_HASH + "x:19001:0:99999:7:::\n");
            await().atMost(Duration.ofSeconds(20)).until(() -> sink.payloads().size() >= 2);
        }

        JsonNode sshdEvent = byPath(sink, "/etc/ssh/sshd_config");
        assertThat(sshdEvent.path("settings").path("PermitRootLogin").asText()).isEqualTo("yes");
        assertThat(sshdEvent.path("diff").asText()).contains("/etc/ssh/sshd_config").doesNotContain(host.toString());
        JsonNode shadowEvent = byPath(sink, "/etc/shadow");
        assertThat(shadowEvent.path("sensitive").asBoolean()).isTrue();
        assertThat(shadowEvent.has("diff")).isFalse();
        assertThat(sink.payloads().toString()).doesNotContain(SHADOW_HASH).doesNotContain(host.toString());
    }

    @Test
    void theHostRootMapsBothWays() {
        HostRoot host = new HostRoot(Path.of("/host"));

        assertThat(host.onDisk(Path.of("/etc/shadow"))).isEqualTo(Path.of("/host/etc/shadow"));
        assertThat(host.onNode(Path.of("/host/etc/shadow"))).isEqualTo(Path.of("/etc/shadow"));
        assertThat(HostRoot.NODE.onDisk(Path.of("/etc/hosts"))).isEqualTo(Path.of("/etc/hosts"));
        assertThat(HostRoot.NODE.onNode(Path.of("/etc/hosts"))).isEqualTo(Path.of("/etc/hosts"));
    }

    private AgentConfig config(Path host) {
        AgentConfig d = AgentConfig.defaults(TestAgents.CI);
        return new AgentConfig(TestAgents.CI, List.of(WatchTarget.file("/etc/ssh/sshd_config"),
                WatchTarget.file("/etc/shadow")), tmp.resolve("state"), PathPatterns.of(AgentConfig.DEFAULT_SENSITIVE),
                d.ignore(), Duration.ofMillis(20), d.contentMaxBytes(), d.redisUri(), tmp.resolve("spool"),
                d.spoolMaxBytes(), d.heartbeatInterval(), true, Optional.empty(), new HostRoot(host));
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private static JsonNode byPath(RecordingSink sink, String path) {
        return sink.payloads().stream().filter(p -> p.path("path").asText().equals(path)).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no event for " + path + " in " + sink.payloads()));
    }
}

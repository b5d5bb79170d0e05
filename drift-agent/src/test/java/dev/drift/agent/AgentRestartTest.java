package dev.drift.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.agent.config.AgentConfig;
import dev.drift.agent.config.WatchTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The baseline survives a restart, and what changed while the agent was down is reported on start. */
class AgentRestartTest {
    @TempDir
    Path tmp;
    private final RecordingSink sink = new RecordingSink();
    private Path hosts;
    private Path sudoersD;
    private AgentConfig config;

    @BeforeEach
    void files() throws IOException {
        hosts = Files.writeString(tmp.resolve("hosts"), "127.0.0.1 localhost\n");
        sudoersD = Files.createDirectory(tmp.resolve("sudoers.d"));
        Files.writeString(sudoersD.resolve("ops"), "%ops ALL=(ALL) ALL\n");
        Files.writeString(sudoersD.resolve("old"), "old ALL=(ALL) ALL\n");
        config = TestAgents.config(tmp.resolve("state"), List.of(new WatchTarget(hosts, false), new WatchTarget(sudoersD, true)));
    }

    @Test
    void theFirstStartReportsEveryFileAsCreated() {
        try (Agent agent = Agent.start(config, sink, Clock.systemUTC())) {
            assertThat(agent.startupScan().changed()).isEqualTo(3);
            assertThat(agent.startupScan().snapshots()).isZero();
        }
        assertThat(sink.payloads()).extracting(p -> p.path("change").asText()).containsOnly("created");
    }

    @Test
    void aRestartWithoutChangesPublishesOnlySnapshots() {
        Agent.start(config, sink, Clock.systemUTC()).close();
        sink.clear();

        try (Agent agent = Agent.start(config, sink, Clock.systemUTC())) {
            assertThat(agent.startupScan().changed()).isZero();
        }
        assertThat(sink.payloads()).extracting(p -> p.path("change").asText()).containsExactly("snapshot", "snapshot", "snapshot");
        assertThat(sink.about(hosts).get(0).path("settings").path("127.0.0.1").asText()).isEqualTo("localhost");
        assertThat(sink.about(hosts).get(0).has("diff")).isFalse();
    }

    @Test
    void changesMadeWhileStoppedAreReportedThenASnapshotOfTheRest() throws IOException {
        Agent.start(config, sink, Clock.systemUTC()).close();
        sink.clear();
        Files.writeString(hosts, "127.0.0.1 localhost\n10.1.1.1 new\n");
        Files.delete(sudoersD.resolve("old"));
        Files.writeString(sudoersD.resolve("new"), "new ALL=(ALL) ALL\n");

        try (Agent agent = Agent.start(config, sink, Clock.systemUTC())) {
            assertThat(agent.startupScan().changed()).isEqualTo(3);
            assertThat(agent.startupScan().snapshots()).isEqualTo(1);
        }

        assertThat(sink.changesOf(hosts)).containsExactly("modified");
        assertThat(sink.about(hosts).get(0).path("diff").asText()).contains("+10.1.1.1 new");
        assertThat(sink.changesOf(sudoersD.resolve("old"))).containsExactly("deleted");
        assertThat(sink.changesOf(sudoersD.resolve("new"))).containsExactly("created");
        assertThat(sink.changesOf(sudoersD.resolve("ops"))).containsExactly("snapshot");
        assertThat(sink.payloads().get(sink.payloads().size() - 1).path("change").asText()).isEqualTo("snapshot");
    }

    @Test
    void aPathNoLongerWatchedIsForgottenSilently() throws IOException {
        Agent.start(config, sink, Clock.systemUTC()).close();
        sink.clear();
        AgentConfig hostsOnly = TestAgents.config(tmp.resolve("state"), List.of(new WatchTarget(hosts, false)));

        Agent.start(hostsOnly, sink, Clock.systemUTC()).close();
        Agent.start(config, sink, Clock.systemUTC()).close();

        assertThat(sink.changesOf(hosts)).containsExactly("snapshot", "snapshot");
        assertThat(sink.changesOf(sudoersD.resolve("ops"))).containsExactly("created");
    }
}

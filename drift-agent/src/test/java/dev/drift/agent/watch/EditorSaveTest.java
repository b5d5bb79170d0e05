package dev.drift.agent.watch;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drift.agent.Agent;
import dev.drift.agent.RecordingSink;
import dev.drift.agent.TestAgents;
import dev.drift.agent.config.AgentConfig;
import dev.drift.agent.config.WatchTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A save the way vim makes it (backupcopy=no/auto) is one modification, with none of its temporaries reported. */
class EditorSaveTest {
    @TempDir
    Path tmp;

    @Test
    void aVimSaveIsOneModification() throws IOException {
        Path etc = Files.createDirectory(tmp.resolve("etc"));
        Path sshd = Files.writeString(etc.resolve("sshd_config"), "PermitRootLogin yes\n");
        Path sentinel = Files.writeString(etc.resolve("sentinel"), "");
        RecordingSink sink = new RecordingSink();
        AgentConfig config = TestAgents.config(tmp.resolve("state"), List.of(new WatchTarget(etc, false)),
                AgentConfig.DEFAULT_SENSITIVE, Duration.ofMillis(100));

        try (Agent agent = Agent.start(config, sink, Clock.systemUTC())) {
            sink.clear();
            saveLikeVim(etc, sshd, "PermitRootLogin no\n");
            await().atMost(Duration.ofSeconds(20)).until(() -> !sink.about(sshd).isEmpty());
            Files.writeString(sentinel, "done\n");
            await().atMost(Duration.ofSeconds(20)).until(() -> !sink.about(sentinel).isEmpty());
        }

        assertThat(sink.changesOf(sshd)).containsExactly("modified");
        assertThat(sink.about(sshd).get(0).path("settings").path("PermitRootLogin").asText()).isEqualTo("no");
        assertThat(sink.payloads()).extracting(p -> p.path("path").asText())
                .containsExactly(sshd.toString(), sentinel.toString());
    }

    /** The write probe, the original renamed to a backup, a new file written, its mode restored, the backup removed. */
    private static void saveLikeVim(Path dir, Path file, String text) throws IOException {
        Files.delete(Files.writeString(dir.resolve("4913"), ""));
        Path swap = Files.writeString(dir.resolve(".sshd_config.swp"), "swap");
        Path backup = dir.resolve("sshd_config~");
        Files.move(file, backup, ATOMIC_MOVE);
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, Files.getPosixFilePermissions(backup));
        Files.delete(backup);
        Files.delete(swap);
    }
}

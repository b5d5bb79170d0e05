package dev.drift.agent.watch;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drift.agent.Agent;
import dev.drift.agent.RecordingSink;
import dev.drift.agent.TestAgents;
import dev.drift.agent.config.WatchTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A watched file that is a symbolic link, as resolv.conf is under systemd-resolved. */
class LinkedFileTest {
    @TempDir
    Path tmp;

    @Test
    void aChangeOfTheLinkedFileIsReportedUnderTheWatchedPath() throws IOException {
        Path run = Files.createDirectory(tmp.resolve("run"));
        Path stub = Files.writeString(run.resolve("stub-resolv.conf"), "nameserver 127.0.0.53\n");
        Path etc = Files.createDirectory(tmp.resolve("etc"));
        Path resolv = Files.createSymbolicLink(etc.resolve("resolv.conf"), stub);
        RecordingSink sink = new RecordingSink();

        try (Agent agent = Agent.start(TestAgents.config(tmp.resolve("state"), List.of(new WatchTarget(resolv, false))),
                sink, Clock.systemUTC())) {
            Path temp = Files.writeString(run.resolve(".stub-resolv.conf.new"), "nameserver 10.0.0.53\n");
            Files.move(temp, stub, ATOMIC_MOVE, REPLACE_EXISTING);
            await().atMost(Duration.ofSeconds(20)).until(() -> sink.changesOf(resolv).contains("modified"));

            Path other = Files.writeString(run.resolve("resolv.conf"), "nameserver 1.1.1.1\n");
            Files.move(Files.createSymbolicLink(etc.resolve(".resolv.conf.tmp"), other), resolv, ATOMIC_MOVE, REPLACE_EXISTING);
            await().atMost(Duration.ofSeconds(20)).until(() -> sink.changesOf(resolv).size() == 3);
            Files.writeString(other, "nameserver 9.9.9.9\n");
            await().atMost(Duration.ofSeconds(20)).until(() -> sink.changesOf(resolv).size() == 4);
        }

        assertThat(sink.changesOf(resolv)).containsExactly("created", "modified", "modified", "modified");
        assertThat(sink.about(resolv).get(3).path("settings").path("nameserver").get(0).asText()).isEqualTo("9.9.9.9");
        assertThat(sink.payloads()).extracting(p -> p.path("path").asText()).containsOnly(resolv.toString());
    }
}

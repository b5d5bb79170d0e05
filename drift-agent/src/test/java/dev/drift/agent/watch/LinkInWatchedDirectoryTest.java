package dev.drift.agent.watch;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drift.agent.Agent;
import dev.drift.agent.RecordingSink;
import dev.drift.agent.TestAgents;
import dev.drift.agent.config.WatchTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A symbolic link found in a watched directory, with real inotify: it is a file whose content is
 * the path it points to, so creating, retargeting and deleting it are reported, and what it points
 * to is neither read nor watched.
 */
class LinkInWatchedDirectoryTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path tmp;
    private Path alternatives;
    private Path basic;
    private Path tiny;
    private final RecordingSink sink = new RecordingSink();
    private Agent agent;

    @BeforeEach
    void start() throws IOException {
        Path usr = Files.createDirectory(tmp.resolve("usr"));
        basic = Files.writeString(usr.resolve("vim.basic"), "vim, the basic build\n");
        tiny = Files.writeString(usr.resolve("vim.tiny"), "vim, the tiny build\n");
        alternatives = Files.createDirectories(tmp.resolve("etc/alternatives"));
        agent = Agent.start(TestAgents.config(tmp.resolve("state"), List.of(new WatchTarget(tmp.resolve("etc"), true))),
                sink, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        agent.close();
    }

    @Test
    void aLinkCreatedRetargetedAndDeletedIsReportedByItsTargetPath() throws IOException {
        Path vi = alternatives.resolve("vi");

        Files.createSymbolicLink(vi, basic);
        await().atMost(PATIENCE).until(() -> sink.changesOf(vi).contains("created"));
        Files.move(Files.createSymbolicLink(alternatives.resolve(".vi.tmp"), tiny), vi, ATOMIC_MOVE, REPLACE_EXISTING);
        await().atMost(PATIENCE).until(() -> sink.changesOf(vi).contains("modified"));
        Files.delete(vi);
        await().atMost(PATIENCE).until(() -> sink.changesOf(vi).contains("deleted"));

        assertThat(sink.changesOf(vi)).containsExactly("created", "modified", "deleted");
        ObjectNode created = sink.about(vi).get(0);
        assertThat(created.path("link_target").asText()).isEqualTo(basic.toString());
        assertThat(created.path("sha256").asText()).isEqualTo(sha256(basic.toString()));
        assertThat(created.path("size").asLong()).isEqualTo(basic.toString().length());
        ObjectNode retargeted = sink.about(vi).get(1);
        assertThat(retargeted.path("link_target").asText()).isEqualTo(tiny.toString());
        assertThat(retargeted.path("diff").asText()).contains("-" + basic, "+" + tiny);
    }

    @Test
    void aChangeOfWhatALinkPointsToIsNotAChangeOfTheLink() throws IOException {
        Path vi = Files.createSymbolicLink(alternatives.resolve("vi"), basic);
        await().atMost(PATIENCE).until(() -> sink.changesOf(vi).contains("created"));

        Files.writeString(basic, "vim, rebuilt\n");
        Path marker = Files.writeString(alternatives.resolve("README"), "after the rebuild\n");
        await().atMost(PATIENCE).until(() -> sink.changesOf(marker).contains("created"));

        assertThat(sink.changesOf(vi)).containsExactly("created");
        assertThat(sink.payloads()).extracting(p -> p.path("path").asText()).doesNotContain(basic.toString());
    }

    @Test
    void aLinkedDirectoryIsAFileNotATreeToWatch() throws IOException {
        Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(alternatives.resolve("conf.d"), elsewhere);
        await().atMost(PATIENCE).until(() -> sink.changesOf(link).contains("created"));

        Files.writeString(elsewhere.resolve("inside.conf"), "not watched\n");
        Path marker = Files.writeString(alternatives.resolve("README"), "after the write\n");
        await().atMost(PATIENCE).until(() -> sink.changesOf(marker).contains("created"));

        assertThat(sink.payloads()).extracting(p -> p.path("path").asText())
                .containsOnly(link.toString(), marker.toString());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

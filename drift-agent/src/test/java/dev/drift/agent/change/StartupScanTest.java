package dev.drift.agent.change;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drift.agent.Agent;
import dev.drift.agent.RecordingSink;
import dev.drift.agent.TestAgents;
import dev.drift.agent.config.AgentConfig;
import dev.drift.agent.config.WatchTarget;
import dev.drift.agent.event.EventSink;
import dev.drift.agent.event.OutboundEvent;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The startup scan of a tree with nested directories, symbolic links and hard links finds exactly
 * what changed while the agent was down, reads each inode once and no link target, and does it on
 * the scan pool.
 */
class StartupScanTest {
    /** A program in /usr that a link in the tree points to: never read by the scan. */
    private static final long HUGE = 64L * 1024 * 1024;

    @TempDir
    Path tmp;
    private Path etc;
    private Path outside;
    private AgentConfig config;

    @BeforeEach
    void tree() throws IOException {
        etc = Files.createDirectory(tmp.resolve("etc"));
        outside = Files.createDirectory(tmp.resolve("usr"));
        try (RandomAccessFile program = new RandomAccessFile(outside.resolve("vim.basic").toFile(), "rw")) {
            program.setLength(HUGE);
        }
        Files.writeString(outside.resolve("vim.tiny"), "another program\n");
        Path deep = Files.createDirectories(etc.resolve("a/b/c"));
        Files.writeString(deep.resolve("deep.conf"), "depth = 3\n");
        Files.writeString(etc.resolve("hosts"), "127.0.0.1 localhost\n");
        Files.writeString(etc.resolve("gone.conf"), "x = 1\n");
        Files.writeString(etc.resolve("perm.conf"), "y = 2\n");
        Path shared = Files.writeString(etc.resolve("a/shared.conf"), "shared = 1\n");
        Files.createLink(etc.resolve("a/b/shared-again.conf"), shared);
        Path alternatives = Files.createDirectory(etc.resolve("alternatives"));
        Files.createSymbolicLink(alternatives.resolve("vi"), outside.resolve("vim.basic"));
        Files.createSymbolicLink(alternatives.resolve("hosts-link"), Path.of("../hosts"));
        Files.createSymbolicLink(etc.resolve("a-link"), Path.of("a"));
        config = TestAgents.config(tmp.resolve("state"), List.of(new WatchTarget(etc, true)));
        Agent.start(config, new RecordingSink(), Clock.systemUTC()).close();
    }

    @Test
    void reportsExactlyTheChangesMadeWhileTheAgentWasDown() throws IOException {
        Files.writeString(etc.resolve("a/b/c/deep.conf"), "depth = 4\n");
        Files.writeString(Files.createDirectories(etc.resolve("a/new")).resolve("x.conf"), "new = 1\n");
        Files.delete(etc.resolve("gone.conf"));
        Files.setPosixFilePermissions(etc.resolve("perm.conf"), PosixFilePermissions.fromString("rw-------"));
        Files.writeString(etc.resolve("a/shared.conf"), "shared = 2\n");
        Files.delete(etc.resolve("alternatives/vi"));
        Files.createSymbolicLink(etc.resolve("alternatives/vi"), outside.resolve("vim.tiny"));
        Files.createSymbolicLink(etc.resolve("alternatives/editor"), outside.resolve("vim.tiny"));
        Files.delete(etc.resolve("alternatives/hosts-link"));
        ThreadRecordingSink sink = new ThreadRecordingSink();

        ScanReport report;
        try (Agent agent = Agent.start(config, sink, Clock.systemUTC())) {
            report = agent.startupScan();
        }

        assertThat(changes(sink.recording)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "a/b/c/deep.conf", "modified",
                "a/new/x.conf", "created",
                "gone.conf", "deleted",
                "perm.conf", "attributes",
                "a/shared.conf", "modified",
                "a/b/shared-again.conf", "modified",
                "alternatives/vi", "modified",
                "alternatives/editor", "created",
                "alternatives/hosts-link", "deleted"));
        assertThat(snapshots(sink.recording)).containsExactlyInAnyOrder("hosts", "a-link");
        assertThat(report.changed()).isEqualTo(9);
        assertThat(report.snapshots()).isEqualTo(2);
        assertThat(sink.changePublishers).allSatisfy(thread -> assertThat(thread).startsWith("drift-scan-"));
        ObjectNode vi = sink.recording.about(etc.resolve("alternatives/vi")).getFirst();
        assertThat(vi.path("link_target").asText()).isEqualTo(outside.resolve("vim.tiny").toString());
        assertThat(vi.path("diff").asText()).contains("-" + outside.resolve("vim.basic"), "+" + outside.resolve("vim.tiny"));
    }

    @Test
    void readsEachInodeOnceAndNoLinkTarget() throws IOException {
        RecordingSink sink = new RecordingSink();

        ScanReport report;
        try (Agent agent = Agent.start(config, sink, Clock.systemUTC())) {
            report = agent.startupScan();
        }

        long regular = Stream.of("a/b/c/deep.conf", "hosts", "gone.conf", "perm.conf", "a/shared.conf")
                .mapToLong(p -> size(etc.resolve(p))).sum();
        long links = Stream.of(outside.resolve("vim.basic").toString(), "../hosts", "a")
                .mapToLong(t -> t.getBytes(StandardCharsets.UTF_8).length).sum();
        assertThat(report.bytesRead()).isEqualTo(regular + links);
        assertThat(report.files()).isEqualTo(9);
        assertThat(report.snapshots()).isEqualTo(9);
        assertThat(sink.payloads()).extracting(p -> p.path("path").asText()).noneMatch(p -> p.startsWith(etc + "/a-link/"));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Path below the tree to change kind, for every event but snapshots. */
    private Map<String, String> changes(RecordingSink sink) {
        return sink.payloads().stream().filter(p -> !p.path("change").asText().equals("snapshot"))
                .collect(Collectors.toMap(this::relative, p -> p.path("change").asText()));
    }

    private Set<String> snapshots(RecordingSink sink) {
        return sink.payloads().stream().filter(p -> p.path("change").asText().equals("snapshot"))
                .map(this::relative).collect(Collectors.toSet());
    }

    private String relative(ObjectNode payload) {
        return etc.relativize(Path.of(payload.path("path").asText())).toString();
    }

    /** Records which threads published changes (snapshots come last, from the scanning thread). */
    private static final class ThreadRecordingSink implements EventSink {
        private final RecordingSink recording = new RecordingSink();
        private final Set<String> changePublishers = ConcurrentHashMap.newKeySet();

        @Override
        public void publish(OutboundEvent event) {
            if (!event.payload().path("change").asText().equals("snapshot")) {
                changePublishers.add(Thread.currentThread().getName());
            }
            recording.publish(event);
        }

        @Override
        public long pending() {
            return 0;
        }

        @Override
        public void close() {
        }
    }
}

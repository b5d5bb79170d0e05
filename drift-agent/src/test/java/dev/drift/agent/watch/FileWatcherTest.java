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
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent on temporary directories with real inotify: each kind of change as editors make them. */
class FileWatcherTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path tmp;
    private Path etc;
    private Path hosts;
    private Path confD;
    private final RecordingSink sink = new RecordingSink();
    private Agent agent;

    @BeforeEach
    void start() throws IOException {
        etc = Files.createDirectory(tmp.resolve("etc"));
        hosts = write(etc.resolve("hosts"), "127.0.0.1 localhost\n");
        confD = Files.createDirectory(etc.resolve("sudoers.d"));
        agent = Agent.start(TestAgents.config(tmp.resolve("state"),
                List.of(new WatchTarget(hosts, false), new WatchTarget(confD, true))), sink, Clock.systemUTC());
        sink.clear();
    }

    @AfterEach
    void stop() {
        agent.close();
    }

    @Test
    void reportsAModifiedFileWithItsDiffAndSettings() throws IOException {
        write(hosts, "127.0.0.1 localhost\n10.0.0.5 db01\n");

        ObjectNode event = awaitOnly(hosts);
        assertThat(event.path("change").asText()).isEqualTo("modified");
        assertThat(event.path("sha256").asText()).isEqualTo(sha256("127.0.0.1 localhost\n10.0.0.5 db01\n"));
        assertThat(event.path("diff").asText()).contains("+10.0.0.5 db01").contains("--- a" + hosts);
        assertThat(event.path("settings").path("10.0.0.5").asText()).isEqualTo("db01");
        assertThat(event.path("sensitive").asBoolean()).isFalse();
    }

    @Test
    void reportsCreatedAndDeletedFilesInAWatchedDirectory() throws IOException {
        Path rule = write(confD.resolve("backup"), "backup ALL=(root) NOPASSWD: /usr/bin/rsync\n");
        await().atMost(PATIENCE).until(() -> sink.changesOf(rule).equals(List.of("created")));
        assertThat(sink.about(rule).get(0).path("settings").path("backup").get(0).asText())
                .isEqualTo("ALL=(root) NOPASSWD: /usr/bin/rsync");

        Files.delete(rule);
        await().atMost(PATIENCE).until(() -> sink.changesOf(rule).equals(List.of("created", "deleted")));
        ObjectNode deleted = sink.about(rule).get(1);
        assertThat(deleted.has("sha256")).isFalse();
        assertThat(deleted.path("diff").asText()).contains("-backup ALL=(root)");
    }

    @Test
    void reportsAFileReplacedByRenameAsOneModification() throws IOException {
        Path temp = write(etc.resolve("sedAb12Cd"), "127.0.0.1 localhost\n10.0.0.9 cache\n");
        Files.move(temp, hosts, ATOMIC_MOVE, REPLACE_EXISTING);

        ObjectNode event = awaitOnly(hosts);
        assertThat(event.path("change").asText()).isEqualTo("modified");
        assertThat(event.path("settings").path("10.0.0.9").asText()).isEqualTo("cache");
        assertThat(sink.payloads()).extracting(p -> p.path("path").asText()).containsOnly(hosts.toString());
    }

    @Test
    void reportsAChmodAsAnAttributeChange() throws IOException {
        Files.setPosixFilePermissions(hosts, PosixFilePermissions.fromString("rw-------"));

        ObjectNode event = awaitOnly(hosts);
        assertThat(event.path("change").asText()).isEqualTo("attributes");
        assertThat(event.path("mode").asText()).isEqualTo("0600");
        assertThat(event.has("diff")).isFalse();
    }

    @Test
    void reportsNothingWhenATouchChangesNothing() throws IOException {
        Files.setLastModifiedTime(hosts, java.nio.file.attribute.FileTime.fromMillis(0));
        write(hosts, "127.0.0.1 localhost\n");
        Path sentinel = write(confD.resolve("sentinel"), "x ALL=ALL\n");

        await().atMost(PATIENCE).until(() -> !sink.about(sentinel).isEmpty());
        assertThat(sink.about(hosts)).isEmpty();
    }

    @Test
    void coalescesABurstOfWritesAndReportsTheFinalState() throws IOException {
        String last = "";
        for (int i = 1; i <= 100; i++) {
            last = "127.0.0.1 localhost\n10.0.0." + i + " burst\n";
            write(hosts, last);
        }
        String finalSha = sha256(last);

        await().atMost(PATIENCE).until(() -> {
            List<ObjectNode> events = sink.about(hosts);
            return !events.isEmpty() && events.get(events.size() - 1).path("sha256").asText().equals(finalSha);
        });
        assertThat(sink.about(hosts)).hasSizeLessThanOrEqualTo(10)
                .allSatisfy(e -> assertThat(e.path("change").asText()).isEqualTo("modified"));
    }

    @Test
    void reportsEveryOneOfAThousandFilesChangedAtOnce() throws IOException {
        Map<String, String> expected = new HashMap<>();
        for (int i = 0; i < 1_000; i++) {
            String text = "user" + i + " ALL=(ALL) ALL\n";
            expected.put(write(confD.resolve("rule-" + i), text).toString(), sha256(text));
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> lastShaByPath().equals(expected));
        List<String> created = sink.payloads().stream().filter(p -> p.path("change").asText().equals("created"))
                .map(p -> p.path("path").asText()).toList();
        assertThat(created).containsExactlyInAnyOrderElementsOf(expected.keySet());
        assertThat(sink.payloads()).hasSizeLessThan(1_010);
    }

    private Map<String, String> lastShaByPath() {
        Map<String, String> last = new HashMap<>();
        sink.payloads().forEach(p -> last.put(p.path("path").asText(), p.path("sha256").asText()));
        return last;
    }

    @Test
    void ignoresEditorAndPackageManagerTemporaries() throws IOException {
        for (String name : List.of(".backup.swp", "backup~", ".#backup", "backup.dpkg-new", "backup.dpkg-old", "4913")) {
            write(confD.resolve(name), "junk\n");
        }
        Path sentinel = write(confD.resolve("sentinel"), "x ALL=ALL\n");

        await().atMost(PATIENCE).until(() -> !sink.about(sentinel).isEmpty());
        assertThat(sink.payloads()).extracting(p -> p.path("path").asText()).containsOnly(sentinel.toString());
    }

    @Test
    void watchesSubdirectoriesCreatedAfterTheStart() throws IOException {
        Path sub = Files.createDirectories(confD.resolve("team/ops"));
        Path rule = write(sub.resolve("deploy"), "deploy ALL=(ALL) NOPASSWD: ALL\n");
        await().atMost(PATIENCE).until(() -> sink.changesOf(rule).equals(List.of("created")));

        write(rule, "deploy ALL=(ALL) ALL\n");
        await().atMost(PATIENCE).until(() -> sink.changesOf(rule).equals(List.of("created", "modified")));
    }

    @Test
    void reportsEveryFileOfARemovedDirectory() throws IOException {
        Path sub = Files.createDirectories(confD.resolve("team"));
        Path a = write(sub.resolve("a"), "a ALL=ALL\n");
        Path b = write(sub.resolve("b"), "b ALL=ALL\n");
        await().atMost(PATIENCE).until(() -> sink.payloads().size() == 2);

        Files.move(sub, tmp.resolve("moved-away"));
        await().atMost(PATIENCE).until(() -> sink.changesOf(a).contains("deleted") && sink.changesOf(b).contains("deleted"));
    }

    private ObjectNode awaitOnly(Path path) {
        await().atMost(PATIENCE).until(() -> !sink.about(path).isEmpty());
        List<ObjectNode> events = sink.about(path);
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    static Path write(Path path, String text) throws IOException {
        return Files.writeString(path, text, StandardCharsets.UTF_8);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

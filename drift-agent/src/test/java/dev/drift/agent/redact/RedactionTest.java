package dev.drift.agent.redact;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drift.agent.Agent;
import dev.drift.agent.RecordingSink;
import dev.drift.agent.TestAgents;
import dev.drift.agent.config.AgentConfig;
import dev.drift.agent.config.WatchTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A secret that changes is reported as changed, and never leaves the node or lands on disk or in a log. */
class RedactionTest {
    private static final String OLD_HASH = "$6$oldsalt$0ldPa55w0rdHashValueNeverShown";
    private static final String NEW_HASH = "$6$newsalt$N3wPa55w0rdHashValueNeverShown";
    private static final String KEY_MATERIAL = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC";
    private static final Logger AGENT_LOGGER = Logger.getLogger("dev.drift.agent");

    @TempDir
    Path tmp;
    private final RecordingSink sink = new RecordingSink();
    private final List<String> logLines = new ArrayList<>();
    private final Handler capture = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            synchronized (logLines) {
                logLines.add(formatter.format(record));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level previousLevel;

    @BeforeEach
    void captureEveryLogLine() {
        previousLevel = AGENT_LOGGER.getLevel();
        AGENT_LOGGER.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        AGENT_LOGGER.addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        AGENT_LOGGER.removeHandler(capture);
        AGENT_LOGGER.setLevel(previousLevel);
    }

    @Test
    void aChangedPasswordHashIsNeverPublishedStoredOrLogged() throws IOException {
        Path etc = Files.createDirectory(tmp.resolve("etc"));
        Path shadow = Files.writeString(etc.resolve("shadow"), shadowWith(OLD_HASH));
        Path keys = Files.createDirectory(etc.resolve("keys"));
        Path state = tmp.resolve("state");
        List<String> sensitive = new ArrayList<>(AgentConfig.DEFAULT_SENSITIVE);
        sensitive.add("shadow");
        AgentConfig config = TestAgents.config(state, List.of(new WatchTarget(shadow, false), new WatchTarget(keys, true)),
                sensitive);

        try (Agent agent = Agent.start(config, sink, Clock.systemUTC())) {
            Path temp = Files.writeString(etc.resolve("nshadow"), shadowWith(NEW_HASH));
            Files.move(temp, shadow, ATOMIC_MOVE, REPLACE_EXISTING);
            Path key = Files.writeString(keys.resolve("tls.pem"),
                    "-----BEGIN PRIVATE KEY-----\n" + KEY_MATERIAL + "\n-----END PRIVATE KEY-----\n");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> sink.changesOf(shadow).contains("modified") && sink.changesOf(key).contains("created"));
        }
        Files.writeString(shadow, shadowWith(OLD_HASH));
        try (Agent restarted = Agent.start(config, sink, Clock.systemUTC())) {
            assertThat(restarted.startupScan().changed()).isEqualTo(1);
        }

        ObjectNode modified = sink.about(shadow).get(1);
        assertThat(modified.path("change").asText()).isEqualTo("modified");
        assertThat(modified.path("sensitive").asBoolean()).isTrue();
        assertThat(modified.has("diff")).isFalse();
        assertThat(modified.path("sha256").asText()).hasSize(64);
        assertThat(modified.path("settings").toString()).isEqualTo("{\"root\":\"locked\",\"alice\":\"password set\"}");
        for (String secret : List.of(OLD_HASH, NEW_HASH, "0ldPa55w0rd", "N3wPa55w0rd", KEY_MATERIAL)) {
            assertThat(sink.payloads()).allSatisfy(payload -> assertThat(payload.toString()).doesNotContain(secret));
            assertThat(stateDirectoryText(state)).doesNotContain(secret);
            synchronized (logLines) {
                assertThat(logLines).isNotEmpty().allSatisfy(line -> assertThat(line).doesNotContain(secret));
            }
        }
        ObjectNode keyEvent = sink.about(keys.resolve("tls.pem")).get(0);
        assertThat(keyEvent.path("sensitive").asBoolean()).isTrue();
        assertThat(keyEvent.has("diff")).isFalse();
        assertThat(keyEvent.has("settings")).isFalse();
    }

    private static String shadowWith(String aliceHash) {
        return "root:*:19000:0:99999:7:::\nalice:" + aliceHash + ":19000:0:99999:7:::\n";
    }

    private static String stateDirectoryText(Path state) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(state)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                try {
                    all.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        assertThat(all).isNotEmpty();
        return all.toString();
    }
}

package dev.drift.agent.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drift.agent.Agent;
import dev.drift.agent.TestAgents;
import dev.drift.agent.config.AgentConfig;
import dev.drift.agent.config.WatchTarget;
import io.lettuce.core.StreamMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole agent (real inotify, baseline, Redis publisher) through a Redis outage: files changed
 * while Redis is stopped reach the stream when it is back, all of them, in the order they changed,
 * with their sequence numbers rising.
 */
class AgentRedisOutageIT {
    private static final String STREAM = "drift.file_changed";
    private static final int FILES = 20;

    @TempDir
    Path tmp;

    @Test
    void changesMadeWhileRedisIsDownArriveInOrderWhenItReturns() throws IOException {
        Path etc = Files.createDirectory(tmp.resolve("etc"));
        List<Path> files = IntStream.range(0, FILES).mapToObj(i -> etc.resolve("c" + i + ".conf")).toList();
        for (Path file : files) {
            Files.writeString(file, "value = 1\n");
        }
        AgentConfig config = TestAgents.config(tmp.resolve("agent"), List.of(new WatchTarget(etc, false)));

        try (EmbeddedRedis redis = EmbeddedRedis.start(Files.createDirectory(tmp.resolve("redis")));
             RedisSink sink = new RedisSink(Events.settings(redis.port(), tmp.resolve("publisher")));
             Agent agent = Agent.start(config, sink, Clock.systemUTC())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> redis.length(STREAM) == FILES);

            redis.stop();
            for (int i = 0; i < FILES; i++) {
                Files.writeString(files.get(i), "value = 2\n");
                long spooled = i + 1;
                await().atMost(Duration.ofSeconds(20)).until(() -> sink.pending() == spooled);
            }
            redis.startAgain();

            await().atMost(Duration.ofSeconds(30)).until(() -> redis.length(STREAM) == 2L * FILES);
            assertThat(sink.pending()).isZero();
            List<JsonNode> replayed = redis.entries(STREAM).subList(FILES, 2 * FILES).stream()
                    .map(AgentRedisOutageIT::payload).toList();
            assertThat(replayed).extracting(p -> p.path("path").asText())
                    .containsExactlyElementsOf(files.stream().map(Path::toString).toList());
            assertThat(replayed).extracting(p -> p.path("change").asText()).containsOnly("modified");
            assertThat(replayed).extracting(p -> p.path("seq").asLong()).isSorted().doesNotHaveDuplicates();
            assertThat(replayed).allSatisfy(p -> assertThat(p.path("diff").asText()).contains("+value = 2"));
        }
    }

    private static JsonNode payload(StreamMessage<String, String> entry) {
        try {
            return Events.JSON.readTree(entry.getBody().get("payload"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.drift.agent.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.StreamMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeartbeatIT {
    @TempDir
    Path state;
    @TempDir
    Path redisData;

    @Test
    void heartbeatsReachAgentHeartbeatEveryIntervalAndFollowTheSchema() {
        try (EmbeddedRedis redis = EmbeddedRedis.start(redisData);
             RedisSink sink = new RedisSink(Events.settings(redis.port(), state));
             Heartbeat heartbeat = new Heartbeat(sink, "host-01", () -> 9, Duration.ofMillis(100),
                     Clock.systemUTC())) {
            heartbeat.start();

            await().atMost(Duration.ofSeconds(10)).until(() -> redis.length(Heartbeat.STREAM) >= 3);

            List<StreamMessage<String, String>> beats = redis.entries(Heartbeat.STREAM);
            assertThat(beats).allSatisfy(entry -> {
                assertThat(entry.getBody().get("ci_id")).isEqualTo("host-01");
                assertThat(HeartbeatSchema.problems(Events.parse(entry.getBody().get("payload")))).isEmpty();
            });
            assertThat(beats).extracting(entry -> Events.parse(entry.getBody().get("payload")).get("seq").asLong())
                    .isSorted().doesNotHaveDuplicates();
        }
    }
}

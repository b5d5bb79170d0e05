package dev.drift.agent.publish;

import static dev.drift.agent.publish.Events.STREAM;
import static dev.drift.agent.publish.Events.fileChanged;
import static dev.drift.agent.publish.Events.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.StreamMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisSinkIT {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path state;
    @TempDir
    Path redisData;
    private EmbeddedRedis redis;

    @BeforeEach
    void startRedis() {
        redis = EmbeddedRedis.start(redisData);
    }

    @AfterEach
    void stopRedis() {
        redis.close();
    }

    @Test
    void eventsReachTheStreamInOrderWithIncreasingSeqAndTheCiIdField() {
        try (RedisSink sink = new RedisSink(Events.settings(redis.port(), state))) {
            IntStream.rangeClosed(1, 50).forEach(n -> sink.publish(fileChanged(n)));

            assertThat(sink.pending()).isZero();
        }

        List<StreamMessage<String, String>> entries = redis.entries(STREAM);
        assertThat(entries).extracting(e -> e.getBody().get("ci_id")).containsOnly("host-01");
        assertThat(payloads(entries)).extracting(p -> p.get("path").asText())
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 50).mapToObj(n -> "/etc/file-" + n).toList());
        assertThat(payloads(entries)).extracting(p -> p.get("seq").asLong()).isSorted().doesNotHaveDuplicates();
        assertThat(payloads(entries)).extracting(p -> p.get("agent").asText()).containsOnly(Events.AGENT);
    }

    @Test
    void eventsPublishedWhileRedisIsDownAreDeliveredInOrderWhenItReturns() {
        try (RedisSink sink = new RedisSink(Events.settings(redis.port(), state))) {
            IntStream.rangeClosed(1, 10).forEach(n -> sink.publish(fileChanged(n)));

            redis.stop();
            IntStream.rangeClosed(11, 30).forEach(n -> sink.publish(fileChanged(n)));
            assertThat(sink.pending()).isEqualTo(20);

            redis.startAgain();
            await().atMost(PATIENCE).until(() -> sink.pending() == 0);
            IntStream.rangeClosed(31, 35).forEach(n -> sink.publish(fileChanged(n)));
        }

        List<JsonNode> delivered = payloads(redis.entries(STREAM));
        assertThat(delivered).extracting(p -> p.get("path").asText())
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 35).mapToObj(n -> "/etc/file-" + n).toList());
        assertThat(delivered).extracting(p -> p.get("seq").asLong()).isSorted().doesNotHaveDuplicates();
        assertThat(delivered.get(10).get("observed_at").asText()).isEqualTo(Events.T0.plusSeconds(11).toString());
    }

    @Test
    void anEventPublishedWhileOthersAreSpooledWaitsBehindThemEvenWithRedisBack() {
        try (RedisSink sink = new RedisSink(Events.settings(redis.port(), state)
                .withReplayInterval(Duration.ofHours(1)))) {
            redis.stop();
            sink.publish(fileChanged(1));
            redis.startAgain();

            sink.publish(fileChanged(2));

            assertThat(sink.pending()).isEqualTo(2);
            assertThat(redis.length(STREAM)).isZero();
        }
    }

    @Test
    void anXaddThatTimesOutIsSpooledAndDeliveredOnceRedisAnswersAgain() {
        try (RedisSink sink = new RedisSink(Events.settings(redis.port(), state)
                .withCommandTimeout(Duration.ofMillis(200)))) {
            sink.publish(fileChanged(1));
            redis.pauseWrites(Duration.ofSeconds(2));

            long start = System.nanoTime();
            sink.publish(fileChanged(2));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            assertThat(sink.pending()).isEqualTo(1);
            await().atMost(PATIENCE).until(() -> sink.pending() == 0);
        }

        // The timed-out XADD may still have been applied when the pause ended: at least once.
        assertThat(payloads(redis.entries(STREAM))).extracting(p -> p.get("path").asText())
                .startsWith("/etc/file-1", "/etc/file-2")
                .containsOnly("/etc/file-1", "/etc/file-2");
    }

    @Test
    void streamsAreCappedAtAboutTheConfiguredLength() {
        try (RedisSink sink = new RedisSink(Events.settings(redis.port(), state).withMaxStreamLength(100))) {
            IntStream.rangeClosed(1, 2_000).forEach(n -> sink.publish(fileChanged(n)));
        }

        assertThat(redis.length(STREAM)).isBetween(100L, 300L);
    }

    private static List<JsonNode> payloads(List<StreamMessage<String, String>> entries) {
        return entries.stream().map(e -> parse(e.getBody().get("payload"))).toList();
    }
}

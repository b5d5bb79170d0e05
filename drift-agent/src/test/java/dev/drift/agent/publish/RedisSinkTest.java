package dev.drift.agent.publish;

import static dev.drift.agent.publish.Events.fileChanged;
import static dev.drift.agent.publish.Events.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drift.agent.event.EventSink.SinkFullException;
import dev.drift.agent.event.OutboundEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sink with Redis unreachable: everything goes to the spool. Tests with Redis are in RedisSinkIT. */
class RedisSinkTest {
    private final int deadRedis = Events.freePort();

    @TempDir
    Path state;

    @Test
    void publishReturnsAndSpoolsWhileRedisIsUnreachable() {
        try (RedisSink sink = new RedisSink(Events.settings(deadRedis, state))) {
            IntStream.rangeClosed(1, 3).forEach(n -> sink.publish(fileChanged(n)));

            assertThat(sink.pending()).isEqualTo(3);
        }
    }

    @Test
    void stampsSeqAndAgentAndKeepsTheProducersPayload() {
        OutboundEvent event = fileChanged(1);
        try (RedisSink sink = new RedisSink(Events.settings(deadRedis, state))) {
            sink.publish(event);
            sink.publish(fileChanged(2));
        }

        List<JsonNode> spooled = spooledPayloads();
        assertThat(spooled).extracting(p -> p.get("seq").asLong()).containsExactly(1L, 2L);
        assertThat(spooled.getFirst().get("agent").asText()).isEqualTo(Events.AGENT);
        assertThat(spooled.getFirst().get("observed_at").asText()).isEqualTo("2026-12-06T01:00:01Z");
        assertThat(spooled.getFirst().get("path").asText()).isEqualTo("/etc/file-1");
        assertThat(event.payload().has("seq")).isFalse();
    }

    @Test
    void aFullSpoolRefusesTheEventWithALogLineAndKeepsTheEarlierOnes() {
        try (CapturedLog log = CapturedLog.of(Spool.class);
             RedisSink sink = new RedisSink(Events.settings(deadRedis, state).withSpoolBound(1024 * 1024, 2))) {
            sink.publish(fileChanged(1));
            sink.publish(fileChanged(2));

            assertThatThrownBy(() -> sink.publish(fileChanged(3))).isInstanceOf(SinkFullException.class);
            assertThat(sink.pending()).isEqualTo(2);
            assertThat(sink.dropped()).isEqualTo(1);
            assertThat(log.lines()).anySatisfy(line -> assertThat(line)
                    .startsWith("SEVERE spool full (2 events")
                    .contains("dropped drift.file_changed seq 3"));
        }
        assertThat(spooledPayloads()).extracting(p -> p.get("path").asText())
                .containsExactly("/etc/file-1", "/etc/file-2");
    }

    @Test
    void aRestartedSinkKeepsTheSpoolAndContinuesAboveTheOldSeqs() {
        try (RedisSink sink = new RedisSink(Events.settings(deadRedis, state))) {
            IntStream.rangeClosed(1, 3).forEach(n -> sink.publish(fileChanged(n)));
        }

        try (RedisSink restarted = new RedisSink(Events.settings(deadRedis, state))) {
            assertThat(restarted.pending()).isEqualTo(3);
            restarted.publish(fileChanged(4));
        }

        assertThat(spooledPayloads()).extracting(p -> p.get("seq").asLong())
                .hasSize(4)
                .isSorted()
                .doesNotHaveDuplicates();
    }

    @Test
    void aTornLastRecordIsDiscardedOnStart() throws IOException {
        try (RedisSink sink = new RedisSink(Events.settings(deadRedis, state))) {
            IntStream.rangeClosed(1, 2).forEach(n -> sink.publish(fileChanged(n)));
        }
        byte[] half = Arrays.copyOf(SpoolFormat.encode(new StreamEntry("s", "c", 9, "{}")).array(), 10);
        Files.write(spoolFile(), half, StandardOpenOption.APPEND);

        try (CapturedLog log = CapturedLog.of(Spool.class);
             RedisSink restarted = new RedisSink(Events.settings(deadRedis, state))) {
            assertThat(restarted.pending()).isEqualTo(2);
            assertThat(log.lines()).anySatisfy(line -> assertThat(line).startsWith("WARNING discarding 10 bytes"));
        }
    }

    @Test
    void aSecondSinkOnTheSameStateDirectoryIsRefused() {
        try (RedisSink sink = new RedisSink(Events.settings(deadRedis, state))) {
            assertThatThrownBy(() -> new RedisSink(Events.settings(deadRedis, state)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("another drift-agent");
        }
    }

    private List<JsonNode> spooledPayloads() {
        try (Spool spool = Spool.open(state.resolve("publish"), new SpoolBound(Long.MAX_VALUE, Long.MAX_VALUE))) {
            return spool.peek(Integer.MAX_VALUE).stream().map(r -> parse(r.entry().payload())).toList();
        }
    }

    private Path spoolFile() throws IOException {
        try (Stream<Path> files = Files.list(state.resolve("publish"))) {
            return files.filter(f -> f.getFileName().toString().startsWith("spool-")).findFirst().orElseThrow();
        }
    }
}

package dev.drift.agent.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drift.agent.event.EventSink;
import dev.drift.agent.event.OutboundEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeartbeatTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T01:30:00Z"), ZoneOffset.UTC);

    @TempDir
    Path state;

    @Test
    void carriesCiIdWatchedPathsSpoolDepthAndTime() {
        RecordingSink sink = new RecordingSink(7);

        new Heartbeat(sink, "host-01", () -> 12, Duration.ofSeconds(30), CLOCK).beat();

        OutboundEvent beat = sink.events.getFirst();
        assertThat(beat.stream()).isEqualTo("agent.heartbeat");
        assertThat(beat.ciId()).isEqualTo("host-01");
        assertThat(beat.payload().toString()).isEqualTo(
                "{\"ci_id\":\"host-01\",\"watched_paths\":12,\"spool_depth\":7,"
                        + "\"observed_at\":\"2026-12-06T01:30:00Z\"}");
    }

    @Test
    void theStampedPayloadFollowsTheHeartbeatSchema() {
        try (RedisSink sink = new RedisSink(Events.settings(Events.freePort(), state))) {
            sink.publish(Events.fileChanged(1));
            new Heartbeat(sink, "host-01", () -> 10, Duration.ofSeconds(30), CLOCK).beat();
        }

        JsonNode spooledBeat = lastSpooledPayload();
        assertThat(spooledBeat.get("spool_depth").asLong()).isEqualTo(1);
        assertThat(spooledBeat.get("seq").asLong()).isEqualTo(2);
        assertThat(HeartbeatSchema.problems(spooledBeat)).isEmpty();
    }

    @Test
    void theSchemaRejectsAHeartbeatWithoutSpoolDepth() {
        ObjectNode beat = new Heartbeat(new RecordingSink(0), "host-01", () -> 1, Duration.ofSeconds(30), CLOCK)
                .payload().put("seq", 1).put("agent", Events.AGENT);
        beat.remove("spool_depth");

        assertThat(HeartbeatSchema.problems(beat)).containsExactly("$: required property 'spool_depth' not found");
    }

    @Test
    void keepsBeatingAfterAPublishFails() {
        RecordingSink sink = new RecordingSink(0);
        sink.failNext = true;

        try (Heartbeat heartbeat = new Heartbeat(sink, "host-01", () -> 1, Duration.ofMillis(20), CLOCK)) {
            heartbeat.start();

            await().atMost(Duration.ofSeconds(5)).until(() -> sink.events.size() >= 2);
        }
    }

    private JsonNode lastSpooledPayload() {
        try (Spool spool = Spool.open(state.resolve("publish"), new SpoolBound(Long.MAX_VALUE, Long.MAX_VALUE))) {
            return Events.parse(spool.peek(Integer.MAX_VALUE).getLast().entry().payload());
        }
    }

    private static final class RecordingSink implements EventSink {
        final List<OutboundEvent> events = new CopyOnWriteArrayList<>();
        private final long pending;
        volatile boolean failNext;

        RecordingSink(long pending) {
            this.pending = pending;
        }

        @Override
        public void publish(OutboundEvent event) {
            if (failNext) {
                failNext = false;
                throw new SinkFullException("spool full");
            }
            events.add(event);
        }

        @Override
        public long pending() {
            return pending;
        }

        @Override
        public void close() {
        }
    }
}

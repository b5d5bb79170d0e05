package dev.drift.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.agent.event.EventSink;
import dev.drift.agent.event.OutboundEvent;
import dev.drift.agent.publish.Heartbeat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file a container health check reads: rewritten after each heartbeat the sink kept, never after one it refused. */
class AliveFileTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T03:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path state;

    @Test
    void aHeartbeatTheSinkKeptRewritesTheFile() throws IOException {
        RecordingSink sink = new RecordingSink();
        Heartbeat heartbeat = new Heartbeat(sink, "node-1", () -> 3, Duration.ofSeconds(30), CLOCK,
                new AliveFile(state, CLOCK));

        heartbeat.start();
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> Files.exists(state.resolve(AliveFile.NAME)));
        } finally {
            heartbeat.close();
        }

        assertThat(Files.readString(state.resolve(AliveFile.NAME))).isEqualTo("2026-12-06T03:00:00Z\n");
    }

    @Test
    void aHeartbeatTheSinkRefusedLeavesTheFileToAge() {
        EventSink full = new EventSink() {
            @Override
            public void publish(OutboundEvent event) {
                throw new SinkFullException("spool full");
            }

            @Override
            public long pending() {
                return 0;
            }

            @Override
            public void close() {
            }
        };
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        EventSink counting = new EventSink() {
            @Override
            public void publish(OutboundEvent event) {
                attempts.incrementAndGet();
                full.publish(event);
            }

            @Override
            public long pending() {
                return 0;
            }

            @Override
            public void close() {
            }
        };
        Heartbeat heartbeat = new Heartbeat(counting, "node-1", () -> 3, Duration.ofMillis(50), CLOCK,
                new AliveFile(state, CLOCK));

        heartbeat.start();
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> attempts.get() >= 3);
        } finally {
            heartbeat.close();
        }

        assertThat(state.resolve(AliveFile.NAME)).doesNotExist();
    }
}

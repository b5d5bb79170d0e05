package dev.drift.agent.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drift.agent.event.OutboundEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** Test events, settings and JSON helpers shared by the publish tests. */
final class Events {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String AGENT = "drift-agent/0.1.0-test";
    static final String STREAM = "drift.file_changed";
    static final Instant T0 = Instant.parse("2026-12-06T01:00:00Z");

    private Events() {
    }

    /** A file change observed {@code n} seconds after {@link #T0}, on {@code /etc/file-<n>}. */
    static OutboundEvent fileChanged(int n) {
        ObjectNode payload = JSON.createObjectNode()
                .put("ci_id", "host-01")
                .put("path", "/etc/file-" + n)
                .put("change", "modified")
                .put("observed_at", T0.plusSeconds(n).toString());
        return new OutboundEvent(STREAM, "host-01", payload);
    }

    /**
     * Settings for a sink on {@code stateDirectory}. A new directory gets a sequence file saying 1, so
     * the tests count from 1 (a fresh counter would start at the time in microseconds).
     */
    static PublishSettings settings(int redisPort, Path stateDirectory) {
        Path seq = stateDirectory.resolve("publish").resolve(SequenceCounter.FILE);
        try {
            if (Files.notExists(seq)) {
                Files.createDirectories(seq.getParent());
                Files.writeString(seq, "1");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return PublishSettings.defaults("redis://127.0.0.1:" + redisPort, stateDirectory, AGENT)
                .withReplayInterval(Duration.ofMillis(100));
    }

    /** A loopback port nothing listens on (at least right now). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

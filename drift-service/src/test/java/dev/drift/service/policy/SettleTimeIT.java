package dev.drift.service.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drift.service.support.ServiceIT;
import dev.drift.service.system.Database;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A policy's settle time: a blip shorter than it never becomes drift; a difference that persists
 * opens when the time is up, without waiting for another event.
 */
@MicronautTest(transactional = false)
class SettleTimeIT extends ServiceIT {
    private static final String POWER = "vm.power_changed";

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    Database database;

    @BeforeAll
    void settlingPolicy() {
        http.toBlocking().exchange(HttpRequest.POST("/drift/policies", Map.of("name", "reboots-are-not-drift",
                "match", Map.of("ci_types", List.of("batch-vm"), "fields", List.of("power_state")),
                "severity", "high", "settle_seconds", 2)));
    }

    @Test
    void aRebootShorterThanTheSettleTimeIsNotDrift() {
        desired.write("settle-1", "type: batch-vm\nfields:\n  power_state: on\n");

        streams.add(POWER, "{\"ci_id\":\"settle-1\",\"power_state\":\"off\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> count("drift_candidate", "settle-1") == 1);
        streams.add(POWER, "{\"ci_id\":\"settle-1\",\"power_state\":\"on\"}");

        await().atMost(Duration.ofSeconds(10)).until(() -> count("drift_candidate", "settle-1") == 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> count("reconcile_request", "settle-1") == 0);
        assertThat(count("drift_event", "settle-1")).isZero();
        assertThat(streams.entriesFor("drift.detected", "settle-1")).isEmpty();
    }

    @Test
    void aDifferenceThatPersistsOpensOnceTheSettleTimeIsUp() {
        desired.write("settle-2", "type: batch-vm\nfields:\n  power_state: on\n");

        streams.add(POWER, "{\"ci_id\":\"settle-2\",\"power_state\":\"off\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> count("drift_candidate", "settle-2") == 1);
        assertThat(count("drift_event", "settle-2")).as("not before the settle time").isZero();

        await().atMost(Duration.ofSeconds(10)).until(() -> streams.entriesFor("drift.detected", "settle-2").size() == 1);
        assertThat(count("drift_candidate", "settle-2")).isZero();
        assertThat(count("drift_event", "settle-2")).isEqualTo(1);
    }

    private long count(String table, String ci) {
        return database.read(c -> {
            try (var ps = c.prepareStatement("select count(*) from " + table + " where ci_id = ?")) {
                ps.setString(1, ci);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}

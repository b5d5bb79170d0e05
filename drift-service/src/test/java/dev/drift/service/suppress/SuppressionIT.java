package dev.drift.service.suppress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.drift.service.support.ServiceIT;
import dev.drift.service.system.Database;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Exceptions and change windows through the API: covered drift is recorded {@code excepted} or
 * {@code expected} and not notified; when the exception expires or is revoked, or the window
 * closes, drift that is still there opens and is notified.
 */
@MicronautTest(transactional = false)
class SuppressionIT extends ServiceIT {
    private static final String POWER = "vm.power_changed";

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    Database database;

    @Test
    void anExceptedDriftIsNotNotifiedAndOpensWhenTheExceptionExpires() {
        post("/drift/exceptions", Map.of("ci", "exc-*", "field", "power_state", "reason", "decommissioning",
                "approved_by", "cab", "expires_at", Instant.now().plusSeconds(3).toString()));
        desired.write("exc-1", "type: vm\nfields:\n  power_state: on\n");
        streams.add(POWER, "{\"ci_id\":\"exc-1\",\"power_state\":\"off\"}");

        await().atMost(Duration.ofSeconds(20)).until(() -> "excepted".equals(status("exc-1")));
        assertThat(notifications("exc-1")).isZero();

        await().atMost(Duration.ofSeconds(20)).until(() -> "open".equals(status("exc-1")));
        await().atMost(Duration.ofSeconds(10)).until(() -> notifications("exc-1") == 1);
    }

    @Test
    void anExceptionForAnotherValueDoesNotCoverAndRevokingOneReopens() {
        desired.write("exc-2", "type: vm\nfields:\n  power_state: on\n");
        post("/drift/exceptions", Map.of("ci", "exc-2", "field", "power_state", "allowed_value", "paused",
                "reason", "maintenance", "approved_by", "cab", "expires_at", Instant.now().plusSeconds(600).toString()));
        streams.add(POWER, "{\"ci_id\":\"exc-2\",\"power_state\":\"off\"}");
        await().atMost(Duration.ofSeconds(20)).until(() -> "open".equals(status("exc-2")));

        HttpResponse<Map> created = post("/drift/exceptions", Map.of("ci", "exc-2", "field", "power_*",
                "reason", "batch host", "approved_by", "cab", "expires_at", Instant.now().plusSeconds(600).toString()));
        await().atMost(Duration.ofSeconds(20)).until(() -> "excepted".equals(status("exc-2")));

        http.toBlocking().exchange(HttpRequest.DELETE("/drift/exceptions/" + created.body().get("id")));
        await().atMost(Duration.ofSeconds(20)).until(() -> "open".equals(status("exc-2")));
        assertThat(notifications("exc-2")).as("opened, and opened again after the revocation").isEqualTo(2);
    }

    @Test
    void driftInAChangeWindowIsExpectedAndOpensWhenTheWindowCloses() {
        desired.write("chg-1", "type: vm\nfields:\n  power_state: on\n");
        post("/drift/changes", Map.of("change_id", "CHG0040001", "ci_id", "chg-1", "fields", List.of("power_state"),
                "starts_at", Instant.now().minusSeconds(60).toString(),
                "ends_at", Instant.now().plusSeconds(3).toString(), "approved_by", "cab"));
        streams.add(POWER, "{\"ci_id\":\"chg-1\",\"power_state\":\"off\"}");

        await().atMost(Duration.ofSeconds(20)).until(() -> "expected".equals(status("chg-1")));
        assertThat(notifications("chg-1")).isZero();

        await().atMost(Duration.ofSeconds(20)).until(() -> "open".equals(status("chg-1")));
        await().atMost(Duration.ofSeconds(10)).until(() -> notifications("chg-1") == 1);
    }

    @Test
    void invalidExceptionsAreProblems() {
        assertThatThrownBy(() -> post("/drift/exceptions", Map.of("ci", "x", "field", "power_state",
                "reason", "r", "approved_by", "cab", "expires_at", "tomorrow")))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(400);
                    assertThat(e.getResponse().getContentType().orElseThrow().toString())
                            .isEqualTo("application/problem+json");
                    assertThat(e.getResponse().getBody(Map.class).orElseThrow().get("detail").toString())
                            .startsWith("expires_at: ");
                });
        assertThatThrownBy(() -> post("/drift/exceptions", Map.of("ci", "x", "field", "power_state",
                "reason", "r", "approved_by", "cab", "expires_at", Instant.now().plusSeconds(60).toString(),
                "colour", "red")))
                .isInstanceOfSatisfying(HttpClientResponseException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(400));
        assertThatThrownBy(() -> post("/drift/changes", Map.of("change_id", "CHG9", "ci_id", "x",
                "starts_at", "2026-01-02T00:00:00Z", "ends_at", "2026-01-01T00:00:00Z", "approved_by", "cab")))
                .isInstanceOfSatisfying(HttpClientResponseException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(400));
    }

    @SuppressWarnings("rawtypes")
    private HttpResponse<Map> post(String path, Object body) {
        return http.toBlocking().exchange(HttpRequest.POST(path, body), Map.class);
    }

    private String status(String ci) {
        return database.read(c -> {
            try (var ps = c.prepareStatement("select status from drift_event where ci_id = ? and status <> 'resolved'")) {
                ps.setString(1, ci);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    private long notifications(String ci) {
        return database.read(c -> {
            try (var ps = c.prepareStatement("""
                    select count(*) from drift_action a join drift_event e on e.id = a.drift_id
                     where e.ci_id = ? and a.kind = 'notify' and a.transition like 'opened%'""")) {
                ps.setString(1, ci);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}

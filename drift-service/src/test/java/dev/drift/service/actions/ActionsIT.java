package dev.drift.service.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drift.service.support.FakeTarget;
import dev.drift.service.support.ServiceIT;
import dev.drift.service.system.Database;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Notifications and change requests, end to end: events on Redis open drift, the policy's actions
 * are recorded with the transition and delivered to real HTTP servers standing in for Slack and
 * ServiceNow, once per transition, through retries and an open circuit.
 */
@MicronautTest(transactional = false)
class ActionsIT extends ServiceIT {
    private static final String POWER = "vm.power_changed";
    private static final MockResponse OK = new MockResponse().setResponseCode(200).setBody("ok");

    private final FakeTarget slack = new FakeTarget(r -> OK);
    private final FakeTarget serviceNow = new FakeTarget(ActionsIT::serviceNow);

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    Database database;

    @Inject
    TargetGuards guards;

    @Override
    protected Map<String, String> overrides() {
        return Map.of(
                "drift.notify.channels.ops.type", "slack",
                "drift.notify.channels.ops.webhook-url", slack.url("/services/T000/B000/XXXX"),
                "drift.notify.channels.ops.digest-threshold", "5",
                "drift.notify.channels.ops.rate-limit", "1000",
                "drift.notify.channels.ops.timeout", "1s",
                "drift.itsm.kind", "servicenow",
                "drift.itsm.url", serviceNow.url("/").replaceAll("/$", ""),
                "drift.itsm.username", "drift",
                "drift.itsm.password", "s3cret-password",
                "drift.actions.public-base-url", "https://drift.example.net");
    }

    @BeforeAll
    void policies() {
        post("/drift/policies", Map.of("name", "prod-vms", "match", Map.of("ci_types", List.of("prod-vm"), "fields", List.of("power_state")),
                "severity", "high", "settle_seconds", 0, "auto_change_request", true, "notify", List.of("ops")));
        post("/drift/policies", Map.of("name", "lab-report-only", "match", Map.of("ci_types", List.of("lab-vm"), "fields", List.of("power_state")),
                "severity", "warning", "settle_seconds", 0, "auto_change_request", true, "notify", List.of("ops"),
                "mode", "report_only"));
        post("/drift/policies", Map.of("name", "burst", "match", Map.of("ci_types", List.of("burst-vm"), "fields", List.of("power_state")),
                "severity", "info", "settle_seconds", 0, "notify", List.of("ops")));
    }

    @AfterAll
    void stopFakes() {
        slack.close();
        serviceNow.close();
    }

    @Test
    void openingTellsSlackOnceRaisesOneChangeRequestAndResolutionTellsSlackAgain() {
        desired.write("web-17", "type: prod-vm\nfields:\n  power_state: on\n");
        streams.add(POWER, "{\"ci_id\":\"web-17\",\"power_state\":\"off\"}");

        await().atMost(Duration.ofSeconds(20)).until(() -> slack.requestsMentioning("web-17").size() == 1);
        RecordedRequest opened = slack.requestsMentioning("web-17").getFirst();
        String text = FakeTarget.body(opened);
        assertThat(opened.getPath()).isEqualTo("/services/T000/B000/XXXX");
        assertThat(text).contains("Machine state drift detected", "web-17", "power_state", "high",
                "https://drift.example.net/ui/cis/web-17");
        UUID drift = driftOf("web-17");
        assertThat(opened.getHeader("X-Drift-Idempotency-Key")).isEqualTo(drift + ":opened:ops");

        await().atMost(Duration.ofSeconds(20)).until(() -> changeRequestOf(drift) != null);
        assertThat(changeRequestOf(drift)).isEqualTo("CHG0030001");
        List<RecordedRequest> posts = serviceNow.requests().stream().filter(r -> r.getMethod().equals("POST")).toList();
        assertThat(posts).singleElement().satisfies(p -> {
            assertThat(p.getPath()).isEqualTo("/api/now/table/change_request");
            assertThat(FakeTarget.body(p)).contains("\"correlation_id\":\"" + drift + "\"");
        });

        streams.add(POWER, "{\"ci_id\":\"web-17\",\"power_state\":\"stopped\"}");
        streams.add(POWER, "{\"ci_id\":\"web-17\",\"power_state\":\"on\"}");
        await().atMost(Duration.ofSeconds(20)).until(() -> slack.requestsMentioning("web-17").size() == 2);
        assertThat(FakeTarget.body(slack.requestsMentioning("web-17").get(1))).contains("Drift resolved", "web-17");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> slack.requestsMentioning("web-17").size() == 2);
        assertThat(serviceNow.requests().stream().filter(r -> r.getMethod().equals("POST"))).hasSize(1);
    }

    @Test
    void slackFailuresAreRetriedUntilDeliveredOnce() {
        slack.script(new MockResponse().setResponseCode(500), new MockResponse().setResponseCode(503),
                new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE), new MockResponse().setResponseCode(502));
        desired.write("web-18", "type: prod-vm\nfields:\n  power_state: on\n");
        streams.add(POWER, "{\"ci_id\":\"web-18\",\"power_state\":\"off\"}");

        await().atMost(Duration.ofSeconds(40)).until(() -> actionState("web-18", "notify").equals("delivered"));
        List<RecordedRequest> attempts = slack.requestsMentioning("web-18");
        assertThat(attempts.size()).as("the failed attempts, then the one that succeeded").isGreaterThanOrEqualTo(2);
        assertThat(attempts).allSatisfy(r ->
                assertThat(r.getHeader("X-Drift-Idempotency-Key")).isEqualTo(driftOf("web-18") + ":opened:ops"));
    }

    @Test
    void theCircuitOpensWhileSlackIsDownAndClosesWhenItIsBack() {
        slack.answer(r -> new MockResponse().setResponseCode(503));
        try {
            for (int i = 0; i < 6; i++) {
                desired.write("down-" + i, "type: prod-vm\nfields:\n  power_state: on\n");
                streams.add(POWER, "{\"ci_id\":\"down-" + i + "\",\"power_state\":\"off\"}");
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> guards.state("notify:ops") == CircuitBreaker.State.OPEN);
        } finally {
            slack.answer(r -> OK);
        }
        await().atMost(Duration.ofSeconds(40)).until(() -> guards.state("notify:ops") == CircuitBreaker.State.CLOSED);
        await().atMost(Duration.ofSeconds(40)).until(() -> countActions("down-%", "notify", "delivered") == 6);
    }

    @Test
    void aBurstOfDriftIsOneOrAFewDigestsNotAMessageEach() {
        for (int i = 0; i < 60; i++) {
            desired.write("burst-" + i, "type: burst-vm\nfields:\n  power_state: on\n");
        }
        int before = slack.requests().size();
        for (int i = 0; i < 60; i++) {
            streams.add(POWER, "{\"ci_id\":\"burst-" + i + "\",\"power_state\":\"off\"}");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> countActions("burst-%", "notify", "delivered") == 60);
        int messages = slack.requests().size() - before;
        assertThat(messages).as("messages for 60 drifts opening together").isLessThanOrEqualTo(12);
        assertThat(slack.requests().subList(before, slack.requests().size()).stream().map(FakeTarget::body))
                .anyMatch(body -> body.contains("drifts"));
    }

    @Test
    void reportOnlyRecordsDriftAndTakesNoAction() {
        desired.write("lab-3", "type: lab-vm\nfields:\n  power_state: on\n");
        streams.add(POWER, "{\"ci_id\":\"lab-3\",\"power_state\":\"off\"}");

        await().atMost(Duration.ofSeconds(20)).until(() -> countActions("lab-3", "notify", "skipped") == 1);
        assertThat(countActions("lab-3", "change_request", "skipped")).isEqualTo(1);
        assertThat(slack.requestsMentioning("lab-3")).isEmpty();
        assertThat(serviceNow.requestsMentioning(driftOf("lab-3").toString())).isEmpty();
        assertThat(streams.entriesFor("drift.detected", "lab-3")).as("still reported").hasSize(1);
    }

    private static MockResponse serviceNow(RecordedRequest r) {
        if ("GET".equals(r.getMethod())) {
            return json("{\"result\":[]}");
        }
        return json("{\"result\":{\"sys_id\":\"c0ffee\",\"number\":\"CHG0030001\"}}").setResponseCode(201);
    }

    private static MockResponse json(String body) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }

    private void post(String path, Object body) {
        http.toBlocking().exchange(HttpRequest.POST(path, body));
    }

    private UUID driftOf(String ci) {
        return database.read(c -> {
            try (var ps = c.prepareStatement("select id from drift_event where ci_id = ? order by first_detected_at desc limit 1")) {
                ps.setString(1, ci);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? rs.getObject(1, UUID.class) : null;
                }
            }
        });
    }

    private String changeRequestOf(UUID drift) {
        return database.read(c -> {
            try (var ps = c.prepareStatement("select change_request from drift_event where id = ?")) {
                ps.setObject(1, drift);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }

    private String actionState(String ci, String kind) {
        return database.read(c -> {
            try (var ps = c.prepareStatement("""
                    select a.state from drift_action a join drift_event e on e.id = a.drift_id
                     where e.ci_id = ? and a.kind = ? order by a.id limit 1""")) {
                ps.setString(1, ci);
                ps.setString(2, kind);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : "none";
                }
            }
        });
    }

    private long countActions(String ciLike, String kind, String state) {
        return database.read(c -> {
            try (var ps = c.prepareStatement("""
                    select count(*) from drift_action a join drift_event e on e.id = a.drift_id
                     where e.ci_id like ? and a.kind = ? and a.state = ?""")) {
                ps.setString(1, ciLike);
                ps.setString(2, kind);
                ps.setString(3, state);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}

package dev.drift.service.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drift.service.support.FakeTarget;
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
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Remediation through AWX and what happens when it fails: the job template is launched for the CI
 * and polled; a failed job escalates the drift, which raises a ServiceNow incident and posts the
 * escalation in the Slack thread of the opening message. Runs on one CI never overlap.
 */
@MicronautTest(transactional = false)
class EscalationIT extends ServiceIT {
    private static final int FAILING_TEMPLATE = 42;
    private static final int SLOW_TEMPLATE = 43;

    private final AtomicInteger slackTs = new AtomicInteger();
    private final AtomicInteger jobIds = new AtomicInteger(100);
    private final Map<Integer, Integer> templateOfJob = new ConcurrentHashMap<>();
    private final Map<Integer, Boolean> jobFinished = new ConcurrentHashMap<>();
    private final AtomicBoolean releaseSlowJobs = new AtomicBoolean();
    private final AtomicBoolean overlappingRuns = new AtomicBoolean();

    private final FakeTarget slack = new FakeTarget(r -> json("{\"ok\":true,\"ts\":\"1700000000.00"
            + slackTs.incrementAndGet() + "\"}"));
    private final FakeTarget serviceNow = new FakeTarget(r -> "GET".equals(r.getMethod())
            ? json("{\"result\":[]}")
            : json("{\"result\":{\"sys_id\":\"abc\",\"number\":\"INC0010001\"}}").setResponseCode(201));
    private final FakeTarget awx = new FakeTarget(this::awx);

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    Database database;

    @Override
    protected Map<String, String> overrides() {
        return Map.ofEntries(
                Map.entry("drift.notify.channels.ops.type", "slack"),
                Map.entry("drift.notify.channels.ops.bot-token", "xoxb-test-token"),
                Map.entry("drift.notify.channels.ops.slack-channel", "C0DRIFT"),
                Map.entry("drift.notify.channels.ops.api-url", slack.url("/api/")),
                Map.entry("drift.itsm.kind", "servicenow"),
                Map.entry("drift.itsm.url", serviceNow.url("/").replaceAll("/$", "")),
                Map.entry("drift.itsm.token", "snow-token"),
                Map.entry("drift.remediation.awx.url", awx.url("/").replaceAll("/$", "")),
                Map.entry("drift.remediation.awx.token", "awx-token"),
                Map.entry("drift.remediation.awx.poll-interval", "50ms"),
                Map.entry("drift.remediation.max-attempts", "1"));
    }

    @BeforeAll
    void policies() {
        post(Map.of("name", "awx-fix", "match", Map.of("ci_types", List.of("esc-vm"), "fields", List.of("power_state")),
                "severity", "high", "settle_seconds", 0, "auto_remediate", true, "notify", List.of("ops"),
                "remediation", Map.of("kind", "awx_job_template", "job_template_id", FAILING_TEMPLATE,
                        "check_mode_first", false)));
        post(Map.of("name", "awx-slow", "match", Map.of("ci_types", List.of("lock-vm"), "fields", List.of("file[*")),
                "severity", "warning", "settle_seconds", 0, "auto_remediate", true, "notify", List.of(),
                "remediation", Map.of("kind", "awx_job_template", "job_template_id", SLOW_TEMPLATE,
                        "check_mode_first", false)));
    }

    @AfterAll
    void stopFakes() {
        slack.close();
        serviceNow.close();
        awx.close();
    }

    @Test
    void aFailedAwxJobEscalatesWithAnIncidentAndAMessageInTheOpeningThread() {
        desired.write("esc-01", "type: esc-vm\nfields:\n  power_state: on\n");
        streams.add("vm.power_changed", "{\"ci_id\":\"esc-01\",\"power_state\":\"off\"}");

        await().atMost(Duration.ofSeconds(30)).until(() -> "escalated".equals(column("esc-01", "status")));
        UUID drift = UUID.fromString(column("esc-01", "id"));

        RecordedRequest launch = awx.requests().stream()
                .filter(r -> r.getPath().equals("/api/v2/job_templates/42/launch/")).findFirst().orElseThrow();
        assertThat(launch.getHeader("Authorization")).isEqualTo("Bearer awx-token");
        assertThat(FakeTarget.body(launch)).contains("\"limit\":\"esc-01\"", "\"drift_ci\":\"esc-01\"",
                "\"drift_field\":\"power_state\"", "\"drift_desired\":\"on\"").doesNotContain("\"job_type\"");

        await().atMost(Duration.ofSeconds(20)).until(() -> "INC0010001".equals(column("esc-01", "incident")));
        RecordedRequest incident = serviceNow.requests().stream().filter(r -> r.getMethod().equals("POST"))
                .findFirst().orElseThrow();
        assertThat(incident.getPath()).isEqualTo("/api/now/table/incident");
        assertThat(FakeTarget.body(incident)).contains("\"correlation_id\":\"" + drift + ":escalated\"");

        await().atMost(Duration.ofSeconds(20)).until(() -> slack.requestsMentioning("esc-01").size() == 2);
        List<RecordedRequest> messages = slack.requestsMentioning("esc-01");
        assertThat(messages.get(0).getPath()).isEqualTo("/api/chat.postMessage");
        assertThat(messages.get(0).getHeader("Authorization")).isEqualTo("Bearer xoxb-test-token");
        assertThat(FakeTarget.body(messages.get(0))).doesNotContain("thread_ts");
        assertThat(FakeTarget.body(messages.get(1))).contains("escalated", "\"thread_ts\":\"1700000000.001\"");
    }

    @Test
    void runsOnOneCiNeverOverlap() {
        desired.write("lock-01", "type: lock-vm\nfields:\n  file[/etc/app.conf].setting[A]: 1\n"
                + "  file[/etc/app.conf].setting[B]: 1\n");
        streams.add("drift.file_changed", "{\"ci_id\":\"lock-01\",\"path\":\"/etc/app.conf\",\"change\":\"modified\","
                + "\"settings\":{\"A\":\"2\",\"B\":\"2\"}}");

        await().atMost(Duration.ofSeconds(30)).until(() -> launches(SLOW_TEMPLATE) == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> launches(SLOW_TEMPLATE) == 1);
        releaseSlowJobs.set(true);
        await().atMost(Duration.ofSeconds(30)).until(() -> launches(SLOW_TEMPLATE) == 2);
        assertThat(overlappingRuns).as("a second run started while the first was still running").isFalse();
    }

    private MockResponse awx(RecordedRequest r) {
        String path = r.getPath();
        if (path.matches("/api/v2/job_templates/\\d+/launch/")) {
            int template = Integer.parseInt(path.split("/")[4]);
            if (templateOfJob.entrySet().stream().anyMatch(e -> e.getValue() == template && !jobFinished.get(e.getKey()))) {
                overlappingRuns.set(true);
            }
            int job = jobIds.incrementAndGet();
            templateOfJob.put(job, template);
            jobFinished.put(job, false);
            return json("{\"job\":" + job + ",\"ignored_fields\":{}}").setResponseCode(201);
        }
        if (path.matches("/api/v2/jobs/\\d+/")) {
            int job = Integer.parseInt(path.split("/")[4]);
            String status = templateOfJob.get(job) == FAILING_TEMPLATE ? "failed"
                    : releaseSlowJobs.get() ? "successful" : "running";
            if (!status.equals("running")) {
                jobFinished.put(job, true);
            }
            return json("{\"id\":" + job + ",\"status\":\"" + status + "\"}");
        }
        if (path.contains("/stdout/")) {
            return new MockResponse().setBody("TASK [fix] *** done");
        }
        return new MockResponse().setResponseCode(404);
    }

    private long launches(int template) {
        return awx.requests().stream().filter(r -> r.getPath().equals("/api/v2/job_templates/" + template + "/launch/"))
                .count();
    }

    private static MockResponse json(String body) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }

    private void post(Object body) {
        http.toBlocking().exchange(HttpRequest.POST("/drift/policies", body));
    }

    private String column(String ci, String column) {
        return database.read(c -> {
            try (var ps = c.prepareStatement("select " + column + "::text from drift_event where ci_id = ?"
                    + " order by first_detected_at desc limit 1")) {
                ps.setString(1, ci);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }
}

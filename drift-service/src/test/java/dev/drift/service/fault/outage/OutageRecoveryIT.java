package dev.drift.service.fault.outage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drift.embedded.netbox.FakeNetBox;
import dev.drift.embedded.netbox.VmSpec;
import dev.drift.service.support.Streams;
import io.lettuce.core.StreamMessage;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Dependency outages against the real service, with a PostgreSQL and a Redis of this class's own
 * (restarted on the same port and data), NetBox as the desired-state source (the in-process fake),
 * and real HTTP servers standing in for Slack and ServiceNow.
 *
 * <p>Each test writes events that open drift on CIs of its own while one dependency is away, checks
 * that {@code /health} and {@code /prometheus} say what is degraded while it is, then that the
 * service recovers by itself: every event processed (no entry pending or undelivered in the
 * consumer group, none dead-lettered), one open drift per CI, each published once, each notification
 * and change request delivered exactly once, {@code /health} UP again.
 *
 * <p>The outage lasts {@code -Ddrift.fault.outage} (default {@value #DEFAULT_OUTAGE}; the long
 * version is {@code 60s}, see bench/README.md "Fault injection").
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutageRecoveryIT implements TestPropertyProvider {
    static final String DEFAULT_OUTAGE = "5s";
    private static final String GROUP = "drift-service";
    private static final String POWER = "vm.power_changed";
    private static final String TOKEN = "0123456789abcdef0123456789abcdef01234567";
    private static final int CIS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MockResponse OK = new MockResponse().setResponseCode(200).setBody("ok");

    private final Duration outage = Duration.parse("PT" + System.getProperty("drift.fault.outage", DEFAULT_OUTAGE)
            .toUpperCase());
    private final Duration recovery = outage.plus(Duration.ofSeconds(90));
    private final RestartableServers servers = new RestartableServers();
    private final FakeNetBox netbox = new FakeNetBox(TOKEN).start();
    private final FlakyTarget slack = new FlakyTarget(r -> OK);
    private final FlakyTarget serviceNow = new FlakyTarget(OutageRecoveryIT::serviceNow);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Streams streams;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return Map.ofEntries(
                Map.entry("datasources.default.url", servers.jdbcUrl()),
                Map.entry("datasources.default.username", "postgres"),
                Map.entry("datasources.default.password", "postgres"),
                // /health waits this long for a connection while PostgreSQL is away.
                Map.entry("datasources.default.connection-timeout", "2000"),
                Map.entry("drift.redis.uri", servers.redisUri()),
                // Few claims make an entry poison, so that even a short PostgreSQL outage would
                // dead-letter the entries read meanwhile if it counted against them.
                Map.entry("drift.ingest.max-deliveries", "2"),
                Map.entry("drift.desired.source", "netbox"),
                Map.entry("drift.desired.netbox.url", netbox.url()),
                Map.entry("drift.desired.netbox.token", TOKEN),
                Map.entry("drift.desired.netbox.cache-ttl", "10m"),
                Map.entry("drift.desired.netbox.stale-max-age", "1ms"),
                Map.entry("drift.desired.netbox.timeout", "1s"),
                Map.entry("drift.desired.netbox.retry-attempts", "2"),
                Map.entry("drift.desired.netbox.retry-initial-backoff", "50ms"),
                Map.entry("drift.desired.netbox.circuit-wait-open", "1s"),
                Map.entry("drift.reconcile.retry-initial-backoff", "200ms"),
                Map.entry("drift.reconcile.retry-max-backoff", "2s"),
                Map.entry("drift.actions.circuit-minimum-calls", "2"),
                Map.entry("drift.actions.max-attempts", "1000"),
                Map.entry("drift.notify.channels.ops.type", "slack"),
                Map.entry("drift.notify.channels.ops.webhook-url", slack.url("/services/T000/B000/XXXX")),
                Map.entry("drift.notify.channels.ops.digest-threshold", "1000"),
                Map.entry("drift.notify.channels.ops.rate-limit", "1000"),
                Map.entry("drift.notify.channels.ops.timeout", "1s"),
                Map.entry("drift.itsm.kind", "servicenow"),
                Map.entry("drift.itsm.url", serviceNow.url("/").replaceAll("/$", "")),
                Map.entry("drift.itsm.username", "drift"),
                Map.entry("drift.itsm.password", "s3cret-password"),
                Map.entry("drift.itsm.timeout", "1s"));
    }

    @BeforeAll
    void setUp() throws Exception {
        streams = new Streams(servers.redisUri());
        post("/drift/policies", """
                {"name": "outage", "match": {"fields": ["power_state"]}, "severity": "high", "settle_seconds": 0,
                 "auto_change_request": true, "notify": ["ops"]}""");
    }

    @AfterAll
    void tearDown() {
        streams.close();
        netbox.close();
        slack.close();
        serviceNow.close();
        // The servers outlive the service, which stops after this method.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                servers.close();
            } catch (IOException ignored) {
                // the JVM is ending; the temporary directories go with the machine's cleanup
            }
        }, "outage-servers-stop"));
    }

    @Test
    void redisRestartedWithItsAppendOnlyFileLosesAndDoublesNothing() throws Exception {
        List<String> cis = vms("redis");
        double roundFailures = metric("drift_ingest_failures_total", "stage", "round");
        cis.subList(0, 2).forEach(ci -> powerOff(ci));
        servers.stopRedis();
        Instant end = Instant.now().plus(outage);
        during(end, "Redis reported down", () -> {
            JsonNode health = health();
            JsonNode redis = component(health, "redis");
            return health.path("status").asText().equals("DOWN")
                    && redis.path("status").asText().equals("DOWN")
                    && !redis.path("details").path("error").asText().isEmpty()
                    && metric("drift_ingest_failures_total", "stage", "round") > roundFailures;
        });
        servers.startRedis();
        cis.subList(2, CIS).forEach(ci -> powerOff(ci));

        assertRecovered(cis);
    }

    @Test
    void postgresRestartedMidStreamLosesAndDoublesNothing() throws Exception {
        List<String> cis = vms("pg");
        powerOff(cis.get(0));
        awaitOpen(cis.subList(0, 1));
        double applyFailures = metric("drift_ingest_failures_total", "stage", "apply");
        servers.stopPostgres();
        Instant end = Instant.now().plus(outage);
        cis.subList(1, CIS).forEach(ci -> powerOff(ci));
        during(end, "PostgreSQL reported down", () -> {
            JsonNode health = health();
            return health.path("status").asText().equals("DOWN")
                    && component(health, "jdbc").path("status").asText().equals("DOWN")
                    && metric("drift_ingest_failures_total", "stage", "apply") > applyFailures;
        });
        servers.startPostgres();

        assertRecovered(cis);
    }

    @Test
    void netBoxAnswering503ThenHangingDefersCisAndDecidesThemOnceWhenBack() throws Exception {
        List<String> cis = vms("nb");
        netbox.failWith(503, -1);
        Instant hangFrom = Instant.now().plus(outage.dividedBy(2));
        Instant end = Instant.now().plus(outage);
        cis.subList(0, 2).forEach(ci -> powerOff(ci));
        during(hangFrom, "NetBox answering 503 reported degraded", this::netBoxDegraded);
        netbox.heal();
        netbox.timeoutNext(-1);
        cis.subList(2, CIS).forEach(ci -> powerOff(ci));
        during(end, "NetBox not answering reported degraded", this::netBoxDegraded);
        assertThat(count("select count(*) from drift_event where ci_id like 'nb-%'"))
                .as("no drift decided without the desired state").isZero();
        netbox.heal();

        assertRecovered(cis);
        assertThat(metric("drift_netbox_circuit_state")).isZero();
    }

    @Test
    void slackAndItsmFailingAreRetriedAndDeliverEachActionOnceWhenBack() throws Exception {
        List<String> cis = vms("act");
        double retries = metric("drift_actions_total", "outcome", "retry");
        slack.down();
        serviceNow.down();
        Instant end = Instant.now().plus(outage);
        try {
            cis.forEach(ci -> powerOff(ci));
            during(end, "Slack and ITSM failing reported degraded", () -> {
                JsonNode actions = component(health(), "actions");
                return health().path("status").asText().equals("DEGRADED")
                        && actions.path("status").asText().equals("DEGRADED")
                        && actions.path("details").path("notify:ops").path("status").asText().equals("DEGRADED")
                        && actions.path("details").path("itsm:servicenow").path("status").asText().equals("DEGRADED")
                        && metric("drift_action_circuit_state", "target", "notify:ops") > 0
                        && metric("drift_action_circuit_state", "target", "itsm:servicenow") > 0
                        && metric("drift_actions_total", "outcome", "retry") > retries;
            });
            assertThat(cis).allSatisfy(ci -> assertThat(slack.deliveredMentioning(ci)).isZero());
        } finally {
            slack.up();
            serviceNow.up();
        }

        assertRecovered(cis);
        assertThat(cis.stream().mapToLong(slack::receivedMentioning).sum())
                .as("attempts that failed while Slack was down, besides the one delivery per CI").isGreaterThan(CIS);
        assertThat(metric("drift_action_circuit_state", "target", "notify:ops")).isZero();
        assertThat(metric("drift_action_circuit_state", "target", "itsm:servicenow")).isZero();
    }

    /**
     * Polls until the degraded state was seen and the outage window has passed; fails when it is not
     * seen within the recovery budget.
     */
    private void during(Instant end, String what, Callable<Boolean> degraded) {
        AtomicBoolean seen = new AtomicBoolean();
        await(what).atMost(recovery).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
            if (!seen.get() && degraded.call()) {
                seen.set(true);
            }
            return seen.get() && !Instant.now().isBefore(end);
        });
    }

    private boolean netBoxDegraded() throws Exception {
        JsonNode health = health();
        JsonNode netBox = component(health, "netbox");
        return health.path("status").asText().equals("DEGRADED")
                && netBox.path("status").asText().equals("DEGRADED")
                && !netBox.path("details").path("circuit").asText().equals("closed")
                && metric("drift_netbox_circuit_state") > 0;
    }

    /** Everything the CIs' events caused happened, once, and every dependency is back. */
    private void assertRecovered(List<String> cis) {
        awaitOpen(cis);
        await("every entry processed").atMost(recovery).ignoreExceptions().until(this::consumerGroupDrained);
        await("published once per CI").atMost(recovery).ignoreExceptions().until(() ->
                cis.stream().allMatch(ci -> streams.entriesFor("drift.detected", ci).size() >= 1));
        await("Slack told once per CI").atMost(recovery).until(() ->
                cis.stream().allMatch(ci -> slack.deliveredMentioning(ci) >= 1));
        await("one change request per drift").atMost(recovery).until(() ->
                cis.stream().allMatch(ci -> changeRequests(ci) >= 1));
        await("health UP again").atMost(recovery).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> health().path("status").asText().equals("UP"));
        await("nothing arriving late and twice").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> cis.stream().allMatch(ci -> slack.deliveredMentioning(ci) == 1 && changeRequests(ci) == 1));
        assertThat(cis).allSatisfy(ci -> {
            assertThat(count("select count(*) from drift_event where ci_id = '" + ci + "'"))
                    .as("drift rows of " + ci).isEqualTo(1);
            assertThat(streams.entriesFor("drift.detected", ci)).as("drift.detected for " + ci).hasSize(1);
            assertThat(slack.deliveredMentioning(ci)).as("Slack messages about " + ci).isEqualTo(1);
            assertThat(changeRequests(ci)).as("change requests for " + ci).isEqualTo(1);
        });
        assertThat(streams.all("drift.dlq")).as("nothing dead-lettered").isEmpty();
    }

    private void awaitOpen(List<String> cis) {
        await("drift open on " + cis).atMost(recovery).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> cis.stream().allMatch(ci -> count("select count(*) from drift_event where ci_id = '"
                        + ci + "' and field_path = 'power_state' and status = 'open'") == 1));
    }

    /** No entry of any stream is pending, and the group has been given the last entry of each. */
    private boolean consumerGroupDrained() {
        for (String stream : List.of(POWER, "drift.file_changed", "network.changed", "ansible.facts_collected")) {
            var pending = streams.redis().xpending(stream, GROUP);
            if (pending.getCount() != 0) {
                return false;
            }
            List<StreamMessage<String, String>> last = streams.redis().xrevrange(stream,
                    io.lettuce.core.Range.unbounded(), io.lettuce.core.Limit.from(1));
            if (last.isEmpty()) {
                continue;
            }
            String delivered = streams.redis().xinfoGroups(stream).stream()
                    .map(g -> groupField(g, "last-delivered-id"))
                    .filter(id -> id != null).findFirst().orElse("");
            if (!delivered.equals(last.getFirst().getId())) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static String groupField(Object group, String name) {
        List<Object> fields = (List<Object>) group;
        boolean ours = false;
        String value = null;
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            String key = String.valueOf(fields.get(i));
            if (key.equals("name")) {
                ours = GROUP.equals(String.valueOf(fields.get(i + 1)));
            } else if (key.equals(name)) {
                value = String.valueOf(fields.get(i + 1));
            }
        }
        return ours ? value : null;
    }

    private List<String> vms(String prefix) {
        List<String> cis = IntStream.rangeClosed(1, CIS).mapToObj(i -> prefix + "-" + i).toList();
        cis.forEach(ci -> netbox.virtualMachines().add(VmSpec.named(ci).withStatus("active")));
        return cis;
    }

    private void powerOff(String ci) {
        streams.add(POWER, "{\"ci_id\":\"" + ci + "\",\"power_state\":\"off\"}");
    }

    private JsonNode health() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/health"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        String status = body.path("status").asText();
        assertThat(response.statusCode()).as("HTTP status of /health when " + status)
                .isEqualTo(status.equals("DOWN") ? 503 : 200);
        return body;
    }

    private static JsonNode component(JsonNode health, String name) {
        return health.path("details").path(name);
    }

    /** The sum of the samples of the metric whose labels include the given ones (0 when none). */
    private double metric(String name, String... labels) throws IOException, InterruptedException {
        String text = http.send(HttpRequest.newBuilder(uri("/prometheus")).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return text.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .filter(l -> {
                    for (int i = 0; i + 1 < labels.length; i += 2) {
                        if (!l.contains(labels[i] + "=\"" + labels[i + 1] + "\"")) {
                            return false;
                        }
                    }
                    return true;
                })
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private void post(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    }

    private URI uri(String path) {
        return server.getURI().resolve(path);
    }

    /** Change requests the ITSM stand-in accepted for the CI's drift. */
    private long changeRequests(String ci) {
        return serviceNow.deliveredMentioning("\"correlation_id\":\"" + driftOf(ci) + "\"");
    }

    private String driftOf(String ci) {
        return query("select id::text from drift_event where ci_id = '" + ci + "' order by first_detected_at limit 1",
                rs -> rs.next() ? rs.getString(1) : "none");
    }

    private long count(String sql) {
        return query(sql, rs -> {
            rs.next();
            return rs.getLong(1);
        });
    }

    private interface Rows<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Reads on a connection of the test's own, so that the service's pool is left as it is. */
    private <T> T query(String sql, Rows<T> rows) {
        try (Connection c = DriverManager.getConnection(servers.jdbcUrl(), "postgres", "postgres");
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rows.read(rs);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
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
}

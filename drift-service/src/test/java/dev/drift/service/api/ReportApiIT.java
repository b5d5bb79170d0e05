package dev.drift.service.api;

import static dev.drift.service.api.ApiCalls.list;
import static dev.drift.service.api.ApiCalls.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.drift.service.support.ServiceIT;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code GET /drift/report} and {@code GET /drift/report/timeline} over two VMs powered off (state,
 * high), one of them powered on again after a moment (resolved), and a host whose nginx setting
 * differs (configuration, warning).
 */
@MicronautTest(transactional = false)
class ReportApiIT extends ServiceIT {
    private static final String NGINX_SETTING = "file[/etc/nginx/nginx.conf].setting[worker_processes]";

    @Inject
    @Client("/")
    HttpClient http;

    private ApiCalls api;

    @BeforeAll
    void seedDriftThroughEvents() {
        api = new ApiCalls(http);
        for (String vm : List.of("r-vm-1", "r-vm-2")) {
            desired.poweredOnVm(vm);
            streams.add("vm.power_changed", "{\"ci_id\":\"" + vm + "\",\"power_state\":\"off\"}");
            await().atMost(Duration.ofSeconds(30)).until(() -> streams.entriesFor("drift.detected", vm).size() == 1);
        }
        desired.write("r-web-1", "type: host\nfields:\n  " + NGINX_SETTING + ": auto\n");
        streams.add("drift.file_changed", """
                {"ci_id":"r-web-1","path":"/etc/nginx/nginx.conf","change":"modified","owner":"root",
                 "settings":{"worker_processes":"2"},"agent":"drift-agent/0.1.0"}""");
        await().atMost(Duration.ofSeconds(10)).until(() -> streams.entriesFor("drift.detected", "r-web-1").size() == 1);
        streams.add("vm.power_changed", "{\"ci_id\":\"r-vm-2\",\"power_state\":\"on\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> streams.entriesFor("drift.resolved", "r-vm-2").size() == 1);
    }

    @Test
    void countsEveryDimensionWithZerosForKnownValues() {
        Map<String, Object> report = api.get("/drift/report");

        assertThat(report).containsOnlyKeys("since", "until", "total", "by_ci_type", "by_category", "by_severity",
                "by_status", "mean_time_to_resolve").containsEntry("since", null).containsEntry("total", 3);
        assertThat(report.get("by_ci_type")).isEqualTo(Map.of("host", 1, "vm", 2));
        assertThat(report.get("by_category")).isEqualTo(Map.of("configuration", 1, "package", 0, "network", 0,
                "state", 2, "security", 0, "firmware", 0, "config_drift", 0, "agent_silent", 0));
        assertThat(report.get("by_severity")).isEqualTo(Map.of("info", 0, "warning", 1, "high", 2, "critical", 0));
        assertThat(report.get("by_status")).isEqualTo(Map.of("open", 2, "acknowledged", 0, "remediating", 0,
                "resolved", 1, "escalated", 0, "excepted", 0, "expected", 0));
    }

    @Test
    void meanTimeToResolveIsOverResolvedEventsOverallAndBySeverity() {
        Map<String, Object> resolved = list(api.get("/drift/events?status=resolved"), "items").getFirst();
        double expected = seconds(resolved);

        Map<String, Object> mttr = map(api.get("/drift/report"), "mean_time_to_resolve");

        assertThat(mttr).containsOnlyKeys("resolved", "mean_seconds", "by_severity").containsEntry("resolved", 1);
        assertThat(((Number) mttr.get("mean_seconds")).doubleValue()).isCloseTo(expected, within(1e-9));
        Map<String, Object> bySeverity = map(mttr, "by_severity");
        assertThat(bySeverity).containsOnlyKeys("info", "warning", "high", "critical");
        assertThat(map(bySeverity, "high")).containsEntry("resolved", 1);
        assertThat(((Number) map(bySeverity, "high").get("mean_seconds")).doubleValue()).isCloseTo(expected, within(1e-9));
        assertThat(map(bySeverity, "warning")).isEqualTo(nullMean());
    }

    @Test
    void sinceAndUntilLimitTheReportToEventsInRange() {
        Instant tomorrow = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String since = tomorrow.toString();
        String until = tomorrow.plus(1, ChronoUnit.DAYS).toString();

        Map<String, Object> report = api.get("/drift/report?since=" + since + "&until=" + until);

        assertThat(report).containsEntry("since", since).containsEntry("until", until).containsEntry("total", 0)
                .containsEntry("by_ci_type", Map.of());
        assertThat(map(report, "mean_time_to_resolve")).containsEntry("resolved", 0).containsEntry("mean_seconds", null);
    }

    @Test
    void timelineCountsOpenedAndResolvedPerHourWithEveryBucket() {
        Instant now = Instant.now();
        Instant since = now.minus(2, ChronoUnit.HOURS);
        Instant until = now.plus(1, ChronoUnit.HOURS);

        Map<String, Object> timeline = api.get("/drift/report/timeline?bucket=hour&since=" + since + "&until=" + until);

        assertThat(timeline).containsOnlyKeys("bucket", "since", "until", "buckets").containsEntry("bucket", "hour");
        List<Map<String, Object>> buckets = list(timeline, "buckets");
        List<Object> starts = new ArrayList<>();
        for (Instant at = since.truncatedTo(ChronoUnit.HOURS); at.isBefore(until); at = at.plus(1, ChronoUnit.HOURS)) {
            starts.add(at.toString());
        }
        assertThat(buckets).extracting(b -> b.get("start")).containsExactlyElementsOf(starts);
        Map<Object, Map<String, Object>> byStart = new HashMap<>();
        buckets.forEach(b -> byStart.put(b.get("start"), b));
        Map<String, Object> resolved = list(api.get("/drift/events?status=resolved"), "items").getFirst();
        String openedHour = hour((String) resolved.get("first_detected_at"));
        String resolvedHour = hour((String) resolved.get("resolved_at"));
        assertThat(buckets.stream().mapToInt(b -> (Integer) b.get("opened")).sum()).isEqualTo(3);
        assertThat(buckets.stream().mapToInt(b -> (Integer) b.get("resolved")).sum()).isEqualTo(1);
        assertThat((Integer) byStart.get(resolvedHour).get("resolved")).isEqualTo(1);
        assertThat((Integer) byStart.get(openedHour).get("opened")).isPositive();
    }

    @Test
    void dayBucketsDefaultToThirtyDays() {
        Map<String, Object> timeline = api.get("/drift/report/timeline?bucket=day");

        List<Map<String, Object>> buckets = list(timeline, "buckets");
        assertThat(buckets).hasSizeBetween(30, 31);
        assertThat(buckets.getLast()).containsEntry("opened", 3).containsEntry("resolved", 1)
                .containsEntry("start", Instant.now().truncatedTo(ChronoUnit.DAYS).toString());
    }

    @ParameterizedTest(name = "{0} -> 400 mentioning {1}")
    @CsvSource(delimiter = '|', value = {
        "/drift/report/timeline?bucket=week                                                      | bucket | week",
        "/drift/report/timeline?bucket=hour&since=2000-01-01T00:00:00Z&until=2001-01-01T00:00:00Z | since  | 1000",
        "/drift/report/timeline?since=2025-02-01T00:00:00Z&until=2025-01-01T00:00:00Z            | since  | before",
        "/drift/report/timeline?until=soon                                                       | until  | soon",
        "/drift/report?since=last-week                                                           | since  | last-week",
        "/drift/report?since=2025-02-01T00:00:00Z&until=2025-01-01T00:00:00Z                     | since  | before",
    })
    void badInputIsBadRequestProblem(String uri, String parameter, String mentioned) {
        Map<String, Object> problem = api.problem(uri, 400);

        assertThat((String) problem.get("detail")).contains(parameter).contains(mentioned);
    }

    private static double seconds(Map<String, Object> event) {
        Duration took = Duration.between(Instant.parse((String) event.get("first_detected_at")),
                Instant.parse((String) event.get("resolved_at")));
        return new BigDecimal(took.toNanos()).movePointLeft(9).doubleValue();
    }

    private static String hour(String at) {
        return Instant.parse(at).truncatedTo(ChronoUnit.HOURS).toString();
    }

    private static Map<String, Object> nullMean() {
        Map<String, Object> mean = new HashMap<>();
        mean.put("resolved", 0);
        mean.put("mean_seconds", null);
        return mean;
    }
}

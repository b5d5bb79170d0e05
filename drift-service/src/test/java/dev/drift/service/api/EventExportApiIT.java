package dev.drift.service.api;

import static dev.drift.service.api.ApiCalls.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drift.service.support.ServiceIT;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /drift/events/export} over two powered-off VMs and a host whose nginx setting is
 * {@code 2, "auto"} (a comma and quotes, for CSV quoting), with exports capped at two events.
 */
@MicronautTest(transactional = false)
class EventExportApiIT extends ServiceIT {
    private static final String WEB = "x-web-1";
    private static final String NGINX_SETTING = "file[/etc/nginx/nginx.conf].setting[worker_processes]";

    @Inject
    @Client("/")
    HttpClient http;

    private ApiCalls api;

    @Override
    protected Map<String, String> overrides() {
        return Map.of("drift.api.export-max-rows", "2");
    }

    @BeforeAll
    void seedDriftThroughEvents() {
        api = new ApiCalls(http);
        for (String vm : List.of("x-vm-1", "x-vm-2")) {
            desired.poweredOnVm(vm);
            streams.add("vm.power_changed", "{\"ci_id\":\"" + vm + "\",\"power_state\":\"off\"}");
            await().atMost(Duration.ofSeconds(30)).until(() -> streams.entriesFor("drift.detected", vm).size() == 1);
        }
        desired.write(WEB, "type: host\nfields:\n  " + NGINX_SETTING + ": auto\n");
        streams.add("drift.file_changed", """
                {"ci_id":"x-web-1","path":"/etc/nginx/nginx.conf","change":"modified","owner":"root",
                 "settings":{"worker_processes":"2, \\"auto\\""},"agent":"drift-agent/0.1.0"}""");
        await().atMost(Duration.ofSeconds(10)).until(() -> streams.entriesFor("drift.detected", WEB).size() == 1);
    }

    @Test
    void jsonExportCarriesItsFiltersCountAndTheEventsAsListed() {
        Instant before = Instant.now();

        Map<String, Object> export = api.get("/drift/events/export?format=json&status=open&category=state"
                + "&since=2000-01-01T00:00:00Z&sort=first_detected_at");

        assertThat(export).containsOnlyKeys("generated_at", "filters", "count", "events");
        assertThat(Instant.parse((String) export.get("generated_at"))).isAfterOrEqualTo(before);
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("status", "open");
        filters.put("ci", null);
        filters.put("ci_type", null);
        filters.put("category", "state");
        filters.put("severity", null);
        filters.put("field", null);
        filters.put("since", "2000-01-01T00:00:00Z");
        filters.put("until", null);
        filters.put("sort", "first_detected_at");
        assertThat(export.get("filters")).isEqualTo(filters);
        assertThat(export).containsEntry("count", 2);
        assertThat(list(export, "events")).isEqualTo(
                list(api.get("/drift/events?status=open&category=state&sort=first_detected_at"), "items"));
        assertThat(list(export, "events")).extracting(e -> e.get("ci_id")).containsExactly("x-vm-1", "x-vm-2");
    }

    @Test
    void jsonIsTheDefaultFormat() {
        Map<String, Object> export = api.get("/drift/events/export?ci=" + WEB);

        assertThat(export).containsEntry("count", 1);
        assertThat(list(export, "events")).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("field", NGINX_SETTING).containsEntry("actual", "2, \"auto\""));
    }

    @Test
    void csvExportHasAHeaderAndQuotesPerRfc4180() {
        HttpResponse<String> response = http.toBlocking().exchange(
                HttpRequest.GET("/drift/events/export?format=csv&category=configuration"), String.class);
        Map<String, Object> event = list(api.get("/drift/events?ci=" + WEB), "items").getFirst();

        assertThat(response.getContentType()).map(MediaType::toString).hasValue("text/csv; charset=utf-8");
        assertThat(response.getHeaders().get("Content-Disposition")).isEqualTo("attachment; filename=\"drift-events.csv\"");
        assertThat(response.body()).isEqualTo(
                "id,ci_id,ci_type,field,category,desired,actual,severity,status,first_detected_at,last_seen_at,"
                        + "occurrence_count,resolved_at,resolved_by,suppressed_by,actual_source,actual_observed_at\r\n"
                        + event.get("id") + ",x-web-1,host," + NGINX_SETTING + ",configuration,auto,"
                        + "\"2, \"\"auto\"\"\",warning,open," + event.get("first_detected_at") + ","
                        + event.get("last_seen_at") + ",1,,,," + event.get("actual_source") + ","
                        + event.get("actual_observed_at") + "\r\n");
    }

    @Test
    void exportOfMoreThanTheCapIsRefusedAskingForNarrowerFilters() {
        Map<String, Object> problem = api.problem("/drift/events/export?format=csv", 400);

        assertThat((String) problem.get("detail")).contains("more than 2").contains("since");
    }

    @Test
    void unknownFormatAndBadFiltersAreBadRequests() {
        assertThat((String) api.problem("/drift/events/export?format=xml", 400).get("detail"))
                .contains("format").contains("xml");
        assertThat((String) api.problem("/drift/events/export?until=tomorrow", 400).get("detail"))
                .contains("until").contains("tomorrow");
        assertThat((String) api.problem("/drift/events/export?sort=ci", 400).get("detail")).contains("sort");
    }
}

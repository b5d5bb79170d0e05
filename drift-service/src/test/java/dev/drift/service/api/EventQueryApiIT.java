package dev.drift.service.api;

import static dev.drift.service.api.ApiCalls.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drift.service.support.ServiceIT;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The filters, sorts and keyset pages of {@code GET /drift/events} over a ledger seeded through real
 * events: seven VMs powered off in one go (so that several share first_detected_at), one of them
 * powered on again, and a host whose nginx setting differs.
 */
@MicronautTest(transactional = false)
class EventQueryApiIT extends ServiceIT {
    private static final List<String> VMS = List.of("q-vm-1", "q-vm-2", "q-vm-3", "q-vm-4", "q-vm-5", "q-vm-6",
            "q-vm-7");
    private static final String WEB = "q-web-1";
    private static final String NGINX_SETTING = "file[/etc/nginx/nginx.conf].setting[worker_processes]";

    @Inject
    @Client("/")
    HttpClient http;

    private ApiCalls api;

    @BeforeAll
    void seedDriftThroughEvents() {
        api = new ApiCalls(http);
        VMS.forEach(desired::poweredOnVm);
        VMS.forEach(vm -> streams.add("vm.power_changed", "{\"ci_id\":\"" + vm + "\",\"power_state\":\"off\"}"));
        await().atMost(Duration.ofSeconds(30)).until(() -> streams.all("drift.detected").size() == VMS.size());
        streams.add("vm.power_changed", "{\"ci_id\":\"q-vm-7\",\"power_state\":\"on\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> streams.entriesFor("drift.resolved", "q-vm-7").size() == 1);

        desired.write(WEB, "type: host\nfields:\n  " + NGINX_SETTING + ": auto\n");
        streams.add("drift.file_changed", """
                {"ci_id":"q-web-1","path":"/etc/nginx/nginx.conf","change":"modified","owner":"root",
                 "settings":{"worker_processes":"2"},"agent":"drift-agent/0.1.0"}""");
        await().atMost(Duration.ofSeconds(10)).until(() -> streams.entriesFor("drift.detected", WEB).size() == 1);
    }

    @ParameterizedTest(name = "sort={0}")
    @ValueSource(strings = {"-first_detected_at", "first_detected_at", "-severity", "severity", "last_seen_at",
        "-last_seen_at"})
    void cursorWalksThreePagesWithoutRepeatingOrSkippingAnEvent(String sort) {
        List<String> all = ids(api.get("/drift/events?size=50&sort=" + sort));

        Map<String, Object> first = api.get("/drift/events?size=3&sort=" + sort);
        Map<String, Object> second = next(first, sort);
        Map<String, Object> third = next(second, sort);

        assertThat(all).hasSize(8).doesNotHaveDuplicates();
        assertThat(ids(first)).hasSize(3);
        assertThat(ids(second)).hasSize(3);
        assertThat(ids(third)).hasSize(2);
        List<String> walked = new ArrayList<>(ids(first));
        walked.addAll(ids(second));
        walked.addAll(ids(third));
        assertThat(walked).containsExactlyElementsOf(all);
        assertThat(third).containsEntry("next_cursor", null);
        for (Map<String, Object> page : List.of(first, second, third)) {
            assertThat(page).containsOnlyKeys("items", "page", "size", "total", "total_exact", "total_pages",
                            "next_cursor")
                    .containsEntry("total", 8).containsEntry("total_exact", true).containsEntry("total_pages", 3).containsEntry("page", 0);
        }
    }

    @Test
    void cursorAndOffsetPagesAgree() {
        Map<String, Object> second = api.get("/drift/events?size=3&page=1");

        assertThat(ids(next(api.get("/drift/events?size=3"), "-first_detected_at"))).isEqualTo(ids(second));
    }

    @Test
    void severitySortPutsTheMostSevereFirstWithMinus() {
        assertThat(cis(api.get("/drift/events?sort=-severity")).getLast()).isEqualTo(WEB);
        assertThat(cis(api.get("/drift/events?sort=severity")).getFirst()).isEqualTo(WEB);
    }

    @Test
    void cursorPagesKeepTheFilters() {
        Map<String, Object> first = api.get("/drift/events?status=open&ci_type=vm&size=4");
        Map<String, Object> second = api.get("/drift/events?status=open&ci_type=vm&size=4&cursor="
                + first.get("next_cursor"));

        assertThat(cis(first)).hasSize(4);
        assertThat(cis(second)).hasSize(2).doesNotContain("q-vm-7", WEB);
        assertThat(second).containsEntry("total", 6).containsEntry("next_cursor", null);
    }

    @Test
    void ciTypeFilterSeparatesHostsFromVms() {
        assertThat(cis(api.get("/drift/events?ci_type=host"))).containsExactly(WEB);
        assertThat(api.get("/drift/events?ci_type=vm")).containsEntry("total", 7);
        assertThat(api.get("/drift/events?ci_type=switch")).containsEntry("total", 0);
    }

    @ParameterizedTest(name = "field={0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "power_state                                         | 7",
        "power_*                                             | 7",
        "file[/etc/nginx/nginx.conf].setting[worker_processes] | 1",
        "file[*].setting[worker_processes]                   | 1",
        "*nginx*                                             | 1",
        "*                                                   | 8",
        "power                                               | 0",
        "file[%]*                                            | 0",
    })
    void fieldFilterTakesAnExactPathOrAGlob(String field, int total) {
        assertThat(api.get("/drift/events?field=" + encode(field))).containsEntry("total", total);
    }

    @Test
    void sinceAndUntilBoundFirstDetectedAt() {
        List<Map<String, Object>> all = list(api.get("/drift/events"), "items");
        String newest = (String) all.getFirst().get("first_detected_at");
        String oldest = (String) all.getLast().get("first_detected_at");

        assertThat(cis(api.get("/drift/events?since=" + encode(newest)))).containsExactly(WEB);
        assertThat(cis(api.get("/drift/events?until=" + encode(newest)))).hasSize(7).doesNotContain(WEB);
        assertThat(api.get("/drift/events?since=" + encode(oldest) + "&until=" + encode(newest)))
                .containsEntry("total", 7);
        String later = Instant.parse(newest).plusSeconds(3600).toString();
        assertThat(api.get("/drift/events?since=" + encode(later))).containsEntry("total", 0);
        String offset = "2000-01-01T02:00:00+02:00";
        assertThat(api.get("/drift/events?since=" + encode(offset))).containsEntry("total", 8);
    }

    @ParameterizedTest(name = "{0} -> 400 mentioning {1}")
    @CsvSource(delimiter = '|', value = {
        "sort=newest                                  | sort     | newest",
        "sort=-status                                 | sort     | -status",
        "since=yesterday                              | since    | yesterday",
        "until=2025-01-01T00:00:00                    | until    | 2025-01-01T00:00:00",
        "since=2025-02-01T00:00:00Z&until=2025-01-01T00:00:00Z | since | before until",
        "cursor=bm90LWEtY3Vyc29y                      | cursor   | bm90LWEtY3Vyc29y",
        "cursor=%25%25%25                             | cursor   | not a cursor",
        "ci_type=                                     | ci_type  | blank",
        "field=                                       | field    | blank",
        "status=open&severity=loud                    | severity | loud",
    })
    void badInputIsBadRequestProblemNamingTheParameter(String query, String parameter, String mentioned) {
        Map<String, Object> problem = api.problem("/drift/events?" + query, 400);

        assertThat(problem).containsEntry("title", "Bad Request");
        assertThat((String) problem.get("detail")).contains(parameter).contains(mentioned);
    }

    @Test
    void cursorOfAnotherSortOrWithAPageIsBadRequest() {
        String cursor = (String) api.get("/drift/events?size=2").get("next_cursor");

        assertThat((String) api.problem("/drift/events?sort=severity&cursor=" + cursor, 400).get("detail"))
                .contains("cursor").contains("sort=-first_detected_at");
        assertThat((String) api.problem("/drift/events?page=1&cursor=" + cursor, 400).get("detail"))
                .contains("page").contains("cursor");
    }

    private Map<String, Object> next(Map<String, Object> page, String sort) {
        assertThat(page.get("next_cursor")).as("next_cursor").isInstanceOf(String.class);
        return api.get("/drift/events?size=3&sort=" + sort + "&cursor=" + page.get("next_cursor"));
    }

    private static List<String> ids(Map<String, Object> page) {
        return list(page, "items").stream().map(e -> (String) e.get("id")).toList();
    }

    private static List<String> cis(Map<String, Object> page) {
        return list(page, "items").stream().map(e -> (String) e.get("ci_id")).toList();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

package dev.drift.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drift.service.support.ServiceIT;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code GET /drift/events} and {@code GET /drift/events/{id}} over a ledger seeded through real
 * events: three VMs powered off (state drift, severity high), one of them powered on again
 * (resolved), and a host whose nginx setting differs (configuration drift, severity warning).
 */
@MicronautTest(transactional = false)
class DriftEventsApiIT extends ServiceIT {
    private static final String POWER = "vm.power_changed";
    private static final String FILE = "drift.file_changed";
    private static final String VM_1 = "api-vm-1";
    private static final String VM_2 = "api-vm-2";
    private static final String VM_RESOLVED = "api-vm-3";
    private static final String WEB = "api-web-1";
    private static final String NGINX_SETTING = "file[/etc/nginx/nginx.conf].setting[worker_processes]";
    private static final Argument<Map<String, Object>> JSON_MAP = Argument.mapOf(String.class, Object.class);
    private static final ObjectMapper JSON = new ObjectMapper();


    @Inject
    @Client("/")
    HttpClient http;


    /** Seeds one drift at a time, waiting for each, so first_detected_at follows the seeding order. */
    @BeforeAll
    void seedDriftThroughEvents() {
        for (String vm : List.of(VM_1, VM_2, VM_RESOLVED)) {
            desired.poweredOnVm(vm);
            streams.add(POWER, "{\"ci_id\":\"" + vm + "\",\"power_state\":\"off\"}");
            // The first one also waits for the service to start consuming.
            await().atMost(Duration.ofSeconds(30)).until(() -> streams.entriesFor("drift.detected", vm).size() == 1);
        }
        streams.add(POWER, "{\"ci_id\":\"" + VM_RESOLVED + "\",\"power_state\":\"on\"}");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> streams.entriesFor("drift.resolved", VM_RESOLVED).size() == 1);

        desired.write(WEB, "type: host\nfields:\n  " + NGINX_SETTING + ": auto\n");
        streams.add(FILE, """
                {"ci_id":"api-web-1","path":"/etc/nginx/nginx.conf","change":"modified","owner":"root",
                 "settings":{"worker_processes":"2","user":"www-data"},"agent":"drift-agent/0.1.0"}""");
        await().atMost(Duration.ofSeconds(10)).until(() -> streams.entriesFor("drift.detected", WEB).size() == 1);
    }


    @Test
    void listsEveryDriftNewestFirstByDefault() {
        Map<String, Object> page = page("");

        assertThat(cis(page)).containsExactly(WEB, VM_RESOLVED, VM_2, VM_1);
        assertThat(page).containsEntry("page", 0).containsEntry("size", 50).containsEntry("total", 4)
                .containsEntry("total_pages", 1);
    }

    @Test
    void statusFilterReturnsOnlyEventsInThatStatus() {
        assertThat(cis(page("status=open"))).containsExactly(WEB, VM_2, VM_1);
        assertThat(items(page("status=resolved"))).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("ci_id", VM_RESOLVED).containsEntry("status", "resolved")
                .containsEntry("resolved_by", "auto").containsEntry("actual", "on"));
        assertThat(page("status=acknowledged")).containsEntry("total", 0).containsEntry("items", List.of());
    }

    @Test
    void ciFilterReturnsOnlyThatCi() {
        assertThat(items(page("ci=" + VM_2))).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("ci_id", VM_2).containsEntry("ci_type", "vm").containsEntry("field", "power_state")
                .containsEntry("desired", "on").containsEntry("actual", "off").containsEntry("status", "open"));
        assertThat(page("ci=no-such-ci")).containsEntry("total", 0).containsEntry("items", List.of());
    }

    @Test
    void categoryFilterSeparatesConfigurationFromStateDrift() {
        assertThat(items(page("category=configuration"))).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("ci_id", WEB).containsEntry("ci_type", "host").containsEntry("field", NGINX_SETTING)
                .containsEntry("category", "configuration").containsEntry("desired", "auto")
                .containsEntry("actual", "2").containsEntry("severity", "warning"));
        assertThat(cis(page("category=state"))).containsExactly(VM_RESOLVED, VM_2, VM_1);
        assertThat(page("category=security")).containsEntry("total", 0);
    }

    @Test
    void severityFilterUsesTheCategoryDefaults() {
        assertThat(cis(page("severity=high"))).containsExactly(VM_RESOLVED, VM_2, VM_1);
        assertThat(cis(page("severity=warning"))).containsExactly(WEB);
        assertThat(page("severity=critical")).containsEntry("total", 0);
    }

    @Test
    void filtersCombine() {
        assertThat(cis(page("status=open&category=state&severity=high"))).containsExactly(VM_2, VM_1);
        assertThat(cis(page("status=resolved&ci=" + VM_1))).isEmpty();
        assertThat(cis(page("status=open&ci=" + WEB + "&category=configuration"))).containsExactly(WEB);
    }

    @Test
    void pagesSplitTheNewestFirstListAndReportTotals() {
        Map<String, Object> first = page("size=3&page=0");
        Map<String, Object> second = page("size=3&page=1");
        Map<String, Object> beyond = page("size=3&page=2");

        assertThat(cis(first)).containsExactly(WEB, VM_RESOLVED, VM_2);
        assertThat(cis(second)).containsExactly(VM_1);
        assertThat(cis(beyond)).isEmpty();
        for (Map<String, Object> p : List.of(first, second, beyond)) {
            assertThat(p).containsEntry("size", 3).containsEntry("total", 4).containsEntry("total_pages", 2);
        }
        assertThat(first).containsEntry("page", 0);
        assertThat(second).containsEntry("page", 1);
        List<String> detected = items(first).stream().map(e -> (String) e.get("first_detected_at")).toList();
        assertThat(detected).isSortedAccordingTo(Comparator.comparing((String at) -> Instant.parse(at)).reversed());
    }

    @Test
    void filteredPagesCountOnlyMatches() {
        Map<String, Object> p = page("category=state&size=2&page=1");

        assertThat(cis(p)).containsExactly(VM_1);
        assertThat(p).containsEntry("total", 3).containsEntry("total_pages", 2);
    }

    @Test
    void oneEventComesWithItsOpenTransitionByTheReconciler() {
        Map<String, Object> listed = items(page("ci=" + VM_1)).get(0);

        Map<String, Object> detail = get("/drift/events/" + listed.get("id"));

        assertThat(detail).containsOnlyKeys("event", "diff", "history", "actions");
        assertThat(detail.get("diff")).as("a power state has no diff").isNull();
        assertThat(detail.get("event")).isEqualTo(listed);
        assertThat(history(detail)).singleElement().satisfies(h -> {
            assertThat(h).containsEntry("from_status", null).containsEntry("to_status", "open")
                    .containsEntry("actor", "reconciler").containsKey("at");
        });
    }

    @Test
    void resolvedEventHistoryHasOpenThenResolved() {
        Map<String, Object> listed = items(page("ci=" + VM_RESOLVED)).get(0);

        List<Map<String, Object>> history = history(get("/drift/events/" + listed.get("id")));

        assertThat(history).extracting(h -> h.get("to_status")).containsExactly("open", "resolved");
        assertThat(history.get(1)).containsEntry("from_status", "open").containsEntry("actor", "reconciler")
                .containsEntry("detail", Map.of("resolved_by", "auto"));
    }

    @Test
    void unknownIdIsNotFoundProblem() throws JsonProcessingException {
        UUID unknown = UUID.randomUUID();

        Map<String, Object> problem = problem("/drift/events/" + unknown, HttpStatus.NOT_FOUND);

        assertThat(problem).containsEntry("type", "about:blank").containsEntry("title", "Not Found")
                .containsEntry("status", 404).containsEntry("instance", "/drift/events/" + unknown);
        assertThat((String) problem.get("detail")).contains(unknown.toString());
    }

    @ParameterizedTest(name = "{0} -> 400 mentioning {1}")
    @CsvSource(delimiter = '|', value = {
        "status=bogus                | status    | bogus",
        "category=bogus              | category  | bogus",
        "severity=bogus              | severity  | bogus",
        "size=0                      | size      | 500",
        "size=501                    | size      | 500",
        "page=-1                     | page      | 0",
        "status=OPEN                 | status    | OPEN",
        "category=State              | category  | State",
    })
    void badFilterIsBadRequestProblemNamingTheParameter(String query, String parameter, String mentioned)
            throws JsonProcessingException {
        Map<String, Object> problem = problem("/drift/events?" + query, HttpStatus.BAD_REQUEST);

        assertThat(problem).containsEntry("type", "about:blank").containsEntry("title", "Bad Request")
                .containsEntry("status", 400);
        assertThat((String) problem.get("detail")).contains(parameter).contains(mentioned);
    }

    @Test
    void idThatIsNotAUuidIsBadRequestProblem() throws JsonProcessingException {
        Map<String, Object> problem = problem("/drift/events/not-a-uuid", HttpStatus.BAD_REQUEST);

        assertThat(problem).containsEntry("title", "Bad Request").containsEntry("status", 400);
        assertThat((String) problem.get("detail")).contains("id").contains("not-a-uuid");
    }

    @Test
    void pageThatIsNotANumberIsBadRequestProblem() throws JsonProcessingException {
        Map<String, Object> problem = problem("/drift/events?page=first", HttpStatus.BAD_REQUEST);

        assertThat((String) problem.get("detail")).contains("page").contains("first");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "page=4294967&size=500,    1",  // offset 2147483500, still an int
        "page=4294968&size=500,    1",  // offset 2147484000, past int
        "page=2147483647&size=500, 1",  // page x size wraps around as an int
        "page=2147483647&size=1,   4",
    })
    void pageFarBeyondTheEndIsEmptyWithTheTotal(String query, int totalPages) {
        Map<String, Object> p = page(query);

        assertThat(cis(p)).isEmpty();
        assertThat(p).containsEntry("total", 4).containsEntry("total_pages", totalPages);
    }

    /** Requests a path expected to fail; checks status and content type and returns the problem. */
    private Map<String, Object> problem(String uri, HttpStatus status) throws JsonProcessingException {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.GET(uri), String.class));

        assertThat(e).as("error response for " + uri).isNotNull();
        assertThat(e.getStatus().getCode()).isEqualTo(status.getCode());
        assertThat(e.getResponse().getContentType()).map(MediaType::toString).hasValue("application/problem+json");
        String body = e.getResponse().getBody(String.class).orElseThrow();
        Map<String, Object> problem = JSON.readValue(body, new TypeReference<Map<String, Object>>() { });
        assertThat(problem).containsKeys("type", "title", "status", "detail");
        return problem;
    }

    private Map<String, Object> get(String uri) {
        return http.toBlocking().retrieve(HttpRequest.GET(uri), JSON_MAP);
    }

    private Map<String, Object> page(String query) {
        return get("/drift/events" + (query.isEmpty() ? "" : "?" + query));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> history(Map<String, Object> detail) {
        return (List<Map<String, Object>>) detail.get("history");
    }

    private static List<String> cis(Map<String, Object> page) {
        return items(page).stream().map(e -> (String) e.get("ci_id")).toList();
    }
}

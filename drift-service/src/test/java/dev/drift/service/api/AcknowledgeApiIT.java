package dev.drift.service.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drift.service.support.ServiceIT;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code POST /drift/events/{id}/acknowledge} on a ledger seeded through real events. */
@MicronautTest(transactional = false)
class AcknowledgeApiIT extends ServiceIT {
    private static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void acknowledgedDriftRecordsWhoAndWhyAndStillResolvesWhenTheMachineComesBack() {
        String id = openPowerDrift("ack-vm-1");

        Map<String, Object> detail = acknowledge(id, Map.of("comment", "planned maintenance", "by", "alice"));

        assertThat(event(detail)).containsEntry("status", "acknowledged");
        assertThat(history(detail)).extracting(h -> h.get("to_status")).containsExactly("open", "acknowledged");
        assertThat(history(detail).get(1)).containsEntry("actor", "alice").containsEntry("from_status", "open")
                .containsEntry("detail", Map.of("comment", "planned maintenance"));
        assertThat(event(acknowledge(id, Map.of("comment", "again")))).as("acknowledging twice is harmless")
                .containsEntry("status", "acknowledged");

        streams.add("vm.power_changed", "{\"ci_id\":\"ack-vm-1\",\"power_state\":\"on\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> streams.entriesFor("drift.resolved", "ack-vm-1").size() == 1);
        Map<String, Object> resolved = get(id);
        assertThat(event(resolved)).containsEntry("status", "resolved").containsEntry("resolved_by", "auto");
        assertThat(history(resolved).get(2)).containsEntry("from_status", "acknowledged");
    }

    @Test
    void refusesResolvedUnknownAndCommentlessAcknowledgements() {
        String id = openPowerDrift("ack-vm-2");

        assertThat(status(() -> acknowledge(id, Map.of("comment", " ")))).isEqualTo(400);
        assertThat(status(() -> acknowledge(id, Map.of()))).isEqualTo(400);
        assertThat(status(() -> acknowledge(UUID.randomUUID().toString(), Map.of("comment", "x")))).isEqualTo(404);

        streams.add("vm.power_changed", "{\"ci_id\":\"ack-vm-2\",\"power_state\":\"on\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> streams.entriesFor("drift.resolved", "ack-vm-2").size() == 1);
        assertThat(status(() -> acknowledge(id, Map.of("comment", "too late")))).isEqualTo(409);
    }

    private String openPowerDrift(String ci) {
        desired.poweredOnVm(ci);
        streams.add("vm.power_changed", "{\"ci_id\":\"" + ci + "\",\"power_state\":\"off\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> streams.entriesFor("drift.detected", ci).size() == 1);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) http.toBlocking()
                .retrieve(HttpRequest.GET("/drift/events?ci=" + ci), JSON).get("items");
        return (String) items.get(0).get("id");
    }

    private Map<String, Object> acknowledge(String id, Map<String, Object> body) {
        return http.toBlocking().retrieve(HttpRequest.POST("/drift/events/" + id + "/acknowledge", body), JSON);
    }

    private Map<String, Object> get(String id) {
        return http.toBlocking().retrieve(HttpRequest.GET("/drift/events/" + id), JSON);
    }

    private static int status(Runnable call) {
        try {
            call.run();
            return 200;
        } catch (HttpClientResponseException e) {
            assertThat(e.getResponse().getContentType().map(Object::toString)).hasValue("application/problem+json");
            return e.getStatus().getCode();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> event(Map<String, Object> detail) {
        return (Map<String, Object>) detail.get("event");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> history(Map<String, Object> detail) {
        return (List<Map<String, Object>>) detail.get("history");
    }
}

package dev.drift.service.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drift.service.support.ServiceIT;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** New drift takes its severity from the most specific policy, including one an operator just created. */
@MicronautTest(transactional = false)
class PolicySeverityIT extends ServiceIT {
    private static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void shippedPoliciesMakeMachineStateHighAndOthersWarning() {
        desired.write("sev-1", "type: vm\nfields:\n  power_state: on\n  file[/etc/motd].sha256: " + "a".repeat(64) + "\n");
        streams.add("vm.power_changed", "{\"ci_id\":\"sev-1\",\"power_state\":\"off\"}");
        streams.add("drift.file_changed", "{\"ci_id\":\"sev-1\",\"path\":\"/etc/motd\",\"change\":\"modified\","
                + "\"sha256\":\"" + "b".repeat(64) + "\"}");

        await().atMost(Duration.ofSeconds(30)).until(() -> events("sev-1").size() == 2);
        assertThat(severityOf("sev-1", "power_state")).isEqualTo("high");
        assertThat(severityOf("sev-1", "file[/etc/motd].sha256")).isEqualTo("warning");
    }

    @Test
    void aPolicyCreatedThroughTheApiAppliesToTheNextDrift() {
        http.toBlocking().exchange(HttpRequest.POST("/drift/policies", Map.of("name", "prod-vms-power",
                "match", Map.of("ci_types", List.of("prod-vm"), "fields", List.of("power_state")), "severity", "critical")));
        desired.write("sev-2", "type: prod-vm\nfields:\n  power_state: on\n");

        streams.add("vm.power_changed", "{\"ci_id\":\"sev-2\",\"power_state\":\"off\"}");

        await().atMost(Duration.ofSeconds(30)).until(() -> events("sev-2").size() == 1);
        assertThat(severityOf("sev-2", "power_state")).isEqualTo("critical");
    }

    private String severityOf(String ci, String field) {
        return events(ci).stream().filter(e -> field.equals(e.get("field"))).map(e -> (String) e.get("severity"))
                .findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> events(String ci) {
        return (List<Map<String, Object>>) http.toBlocking()
                .retrieve(HttpRequest.GET("/drift/events?ci=" + ci), JSON).get("items");
    }
}

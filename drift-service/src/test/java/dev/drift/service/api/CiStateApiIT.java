package dev.drift.service.api;

import static dev.drift.service.api.ApiCalls.list;
import static dev.drift.service.api.ApiCalls.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.drift.service.support.ServiceIT;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /drift/cis/{ci}}: a host whose sshd_config has one setting as desired, one not, one
 * ignored, and whose power state was never observed; a VM the desired-state source does not know.
 */
@MicronautTest(transactional = false)
class CiStateApiIT extends ServiceIT {
    private static final String HOST = "c-host-1";
    private static final String STRANGER = "c-stranger";
    private static final String SSHD = "file[/etc/ssh/sshd_config].setting[";

    @Inject
    @Client("/")
    HttpClient http;

    private ApiCalls api;

    @BeforeAll
    void seedDriftThroughEvents() {
        api = new ApiCalls(http);
        desired.write(HOST, """
                type: host
                fields:
                  power_state: on
                  file[/etc/ssh/sshd_config].setting[PermitRootLogin]: no
                  file[/etc/ssh/sshd_config].setting[X11Forwarding]: no
                  file[/etc/ssh/sshd_config].setting[UsePAM]: yes
                ignore:
                  - file[/etc/ssh/sshd_config].setting[UsePAM]
                """);
        streams.add("drift.file_changed", """
                {"ci_id":"c-host-1","path":"/etc/ssh/sshd_config","change":"modified","owner":"root",
                 "settings":{"PermitRootLogin":"no","X11Forwarding":"yes"},"agent":"drift-agent/0.1.0"}""");
        streams.add("vm.power_changed", "{\"ci_id\":\"" + STRANGER + "\",\"power_state\":\"on\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> streams.entriesFor("drift.detected", HOST).size() == 1
                && streams.entriesFor("drift.detected", STRANGER).size() == 1);
    }

    @Test
    void everyMonitoredFieldHasItsVerdictInPathOrder() {
        Map<String, Object> ci = api.get("/drift/cis/" + HOST);

        assertThat(ci).containsOnlyKeys("ci_id", "ci_type", "desired_state", "desired_source", "disabled_reason",
                        "observed", "verdicts", "fields", "active_drift")
                .containsEntry("ci_id", HOST).containsEntry("ci_type", "host").containsEntry("desired_state", "managed")
                .containsEntry("desired_source", "file").containsEntry("disabled_reason", null)
                .containsEntry("observed", true);
        assertThat(ci.get("verdicts")).isEqualTo(Map.of("in_sync", 1, "drifted", 1, "unknown", 1, "ignored", 1));
        assertThat(list(ci, "fields")).extracting(f -> f.get("field"), f -> f.get("verdict")).containsExactly(
                tuple(SSHD + "PermitRootLogin]", "in_sync"),
                tuple(SSHD + "UsePAM]", "ignored"),
                tuple(SSHD + "X11Forwarding]", "drifted"),
                tuple("power_state", "unknown"));
    }

    @Test
    void driftedFieldShowsBothSidesAndItsActiveDrift() {
        Map<String, Object> event = list(api.get("/drift/events?ci=" + HOST), "items").getFirst();

        Map<String, Object> field = field(api.get("/drift/cis/" + HOST), SSHD + "X11Forwarding]");

        assertThat(field).containsOnlyKeys("field", "verdict", "desired", "desired_provenance", "actual",
                        "actual_source", "actual_observed_at", "reason", "drift_id", "drift_status")
                .containsEntry("desired", "no").containsEntry("actual", "yes").containsEntry("reason", null)
                .containsEntry("drift_id", event.get("id")).containsEntry("drift_status", "open")
                .containsEntry("actual_source", event.get("actual_source"))
                .containsEntry("actual_observed_at", event.get("actual_observed_at"));
        assertThat(map(field, "desired_provenance")).isEqualTo(Map.of("source", "file", "object_type", "ci-file",
                "object_id", HOST + ".yaml", "attribute", "fields." + SSHD + "X11Forwarding]"));
        assertThat((String) field.get("actual_source")).startsWith("drift.file_changed/");
    }

    @Test
    void inSyncUnknownAndIgnoredFieldsSayWhy() {
        Map<String, Object> ci = api.get("/drift/cis/" + HOST);

        assertThat(field(ci, SSHD + "PermitRootLogin]")).containsEntry("desired", "no").containsEntry("actual", "no")
                .containsEntry("reason", null).containsEntry("drift_id", null).containsEntry("drift_status", null);
        assertThat(field(ci, "power_state")).containsEntry("desired", "on").containsEntry("actual", null)
                .containsEntry("actual_source", null).containsEntry("actual_observed_at", null)
                .containsEntry("reason", "never observed").containsEntry("drift_id", null);
        assertThat(field(ci, SSHD + "UsePAM]")).containsEntry("desired", "yes").containsEntry("actual", null)
                .containsEntry("reason", "ignored by rule " + SSHD + "UsePAM]");
        Map<String, Object> active = list(ci, "active_drift").getFirst();
        assertThat(list(ci, "active_drift")).hasSize(1);
        assertThat(active).containsEntry("field", SSHD + "X11Forwarding]").containsEntry("status", "open")
                .containsEntry("severity", "warning");
    }

    @Test
    void observedCiTheSourceDoesNotKnowIsUnmanagedWithItsRegistrationDrift() {
        Map<String, Object> ci = api.get("/drift/cis/" + STRANGER);

        assertThat(ci).containsEntry("desired_state", "unmanaged").containsEntry("ci_type", null)
                .containsEntry("observed", true).containsEntry("fields", List.of());
        assertThat(ci.get("verdicts")).isEqualTo(Map.of("in_sync", 0, "drifted", 0, "unknown", 0, "ignored", 0));
        assertThat(list(ci, "active_drift")).singleElement().satisfies(d -> assertThat(d)
                .containsEntry("field", "ci.registered").containsEntry("status", "open"));
    }

    @Test
    void ciNeitherKnownNorObservedIsNotFoundProblem() {
        Map<String, Object> problem = api.problem("/drift/cis/c-nobody", 404);

        assertThat((String) problem.get("detail")).contains("c-nobody");
    }

    @Test
    void managedCiNeverObservedHasOnlyUnknownFields() {
        desired.poweredOnVm("c-new-vm");

        Map<String, Object> ci = api.get("/drift/cis/c-new-vm");

        assertThat(ci).containsEntry("observed", false).containsEntry("desired_state", "managed");
        assertThat(map(ci, "verdicts")).containsEntry("unknown", 1).containsEntry("in_sync", 0);
    }

    @Test
    void unreadableDesiredStateIsServiceUnavailableNeverInSync() {
        desired.write("c-broken", "type: [vm\nfields: {");

        Map<String, Object> problem = api.problem("/drift/cis/c-broken", 503);

        assertThat(problem).containsEntry("title", "Service Unavailable");
        assertThat((String) problem.get("detail")).startsWith("desired state unavailable");
    }

    @Test
    void ciIdWithWhitespaceIsBadRequest() {
        assertThat((String) api.problem("/drift/cis/bad%20ci", 400).get("detail")).contains("ci");
    }

    private static Map<String, Object> field(Map<String, Object> ci, String path) {
        Map<String, Map<String, Object>> byPath = new HashMap<>();
        list(ci, "fields").forEach(f -> byPath.put((String) f.get("field"), f));
        assertThat(byPath).containsKey(path);
        return byPath.get(path);
    }
}

package dev.drift.service.api;

import static dev.drift.service.api.ApiCalls.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drift.service.support.ServiceIT;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /drift/reconcile} and {@code GET /drift/reconcile/{id}}: a sweep started through the
 * API applies a change of intent no event announced.
 */
@MicronautTest(transactional = false)
class ReconcileJobApiIT extends ServiceIT {

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void sweepRunsInTheBackgroundUntilSucceededAndReportsWhatItDid() {
        ApiCalls api = new ApiCalls(http);
        for (String vm : List.of("j-vm-1", "j-vm-2")) {
            desired.poweredOnVm(vm);
            streams.add("vm.power_changed", "{\"ci_id\":\"" + vm + "\",\"power_state\":\"off\"}");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> streams.all("drift.detected").size() == 2);
        desired.write("j-vm-2", "type: vm\nfields:\n  power_state: off\n");
        Instant before = Instant.now();

        HttpResponse<String> accepted = http.toBlocking().exchange(HttpRequest.POST("/drift/reconcile", ""),
                String.class);

        assertThat(accepted.code()).isEqualTo(202);
        Map<String, Object> started = ApiCalls.parse(accepted.body());
        assertThat(started).containsOnlyKeys("job_id", "status", "started_at").containsEntry("status", "running");
        String id = (String) started.get("job_id");
        assertThat(accepted.getHeaders().get("Location")).isEqualTo("/drift/reconcile/" + id);
        assertThat(Instant.parse((String) started.get("started_at"))).isAfterOrEqualTo(before.minusMillis(1));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> !"running".equals(api.get("/drift/reconcile/" + id).get("status")));

        Map<String, Object> job = api.get("/drift/reconcile/" + id);
        assertThat(job).containsOnlyKeys("job_id", "status", "kind", "scheduled_for", "instance", "started_at",
                        "finished_at", "cis_total", "cis_done", "ledger_changes", "deferred", "error")
                .containsEntry("job_id", id).containsEntry("status", "succeeded").containsEntry("kind", "on_demand")
                .containsEntry("scheduled_for", null)
                .containsEntry("started_at", started.get("started_at")).containsEntry("cis_total", 2)
                .containsEntry("cis_done", 2).containsEntry("ledger_changes", 1).containsEntry("deferred", 0)
                .containsEntry("error", null);
        assertThat(Instant.parse((String) job.get("finished_at")))
                .isAfterOrEqualTo(Instant.parse((String) job.get("started_at")));
        assertThat(list(api.get("/drift/events?ci=j-vm-2"), "items")).singleElement().satisfies(e -> assertThat(e)
                .containsEntry("status", "resolved").containsEntry("resolved_by", "desired_changed"));
    }

    @Test
    void unknownJobIsNotFoundAndAMalformedIdBadRequest() {
        ApiCalls api = new ApiCalls(http);
        UUID unknown = UUID.randomUUID();

        assertThat((String) api.problem("/drift/reconcile/" + unknown, 404).get("detail")).contains(unknown.toString());
        assertThat((String) api.problem("/drift/reconcile/job-1", 400).get("detail")).contains("job-1");
    }
}

package dev.drift.service.desired.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.drift.embedded.netbox.FakeNetBox;
import dev.drift.embedded.netbox.InterfaceSpec;
import dev.drift.embedded.netbox.Vlan;
import dev.drift.embedded.netbox.VmSpec;
import dev.drift.service.support.ServiceIT;
import dev.drift.service.system.Database;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Desired state from NetBox (the in-process fake, a real HTTP server) end to end: drift per field
 * with NetBox provenance, webhooks that change intent, NetBox outages, unknown and disabled CIs.
 */
@MicronautTest(transactional = false)
class NetBoxDesiredStateIT extends ServiceIT {
    private static final String TOKEN = "0123456789abcdef0123456789abcdef01234567";
    private static final String SECRET = "hook-secret";
    private static final String SSHD = "file[/etc/ssh/sshd_config].setting[PermitRootLogin]";

    private final FakeNetBox netbox = new FakeNetBox(TOKEN).start();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    Database database;

    @Inject
    NetBoxRefreshJob refreshJob;

    @Override
    protected Map<String, String> overrides() {
        return Map.ofEntries(
                Map.entry("drift.desired.source", "netbox"),
                Map.entry("drift.desired.netbox.url", netbox.url()),
                Map.entry("drift.desired.netbox.token", TOKEN),
                Map.entry("drift.desired.netbox.webhook-secret", SECRET),
                Map.entry("drift.desired.netbox.cache-ttl", "10m"),
                Map.entry("drift.desired.netbox.stale-max-age", "1ms"),
                Map.entry("drift.desired.netbox.timeout", "1s"),
                Map.entry("drift.desired.netbox.retry-attempts", "2"),
                Map.entry("drift.desired.netbox.retry-initial-backoff", "50ms"),
                Map.entry("drift.desired.netbox.circuit-wait-open", "500ms"));
    }

    @AfterAll
    void stopNetBox() {
        netbox.close();
    }

    @Test
    void desiredStateFromNetBoxProducesDriftPerField() {
        int vm = webVm("nb-web-1", "active");

        streams.add("vm.power_changed", "{\"ci_id\":\"nb-web-1\",\"power_state\":\"off\"}");
        streams.add("ansible.facts_collected", "{\"ci_id\":\"nb-web-1\",\"facts\":{\"ansible_processor_vcpus\":2,"
                + "\"ansible_memtotal_mb\":4096}}");
        streams.add("network.changed", "{\"ci_id\":\"nb-web-1\",\"interfaces\":[{\"name\":\"eth0\","
                + "\"network\":\"staging-20\",\"mtu\":1500}]}");
        streams.add("drift.file_changed", "{\"ci_id\":\"nb-web-1\",\"path\":\"/etc/ssh/sshd_config\","
                + "\"change\":\"modified\",\"sha256\":\"" + "ab".repeat(32) + "\",\"settings\":{\"PermitRootLogin\":\"yes\"}}");

        await().atMost(Duration.ofSeconds(30)).until(() -> openFields("nb-web-1") == 5);
        assertThat(value("nb-web-1", "power_state", "desired_value::text")).isEqualTo("\"on\"");
        assertThat(value("nb-web-1", "vcpus", "actual_value::text")).isEqualTo("2");
        assertThat(value("nb-web-1", "memory_mb", "desired_value::text")).isEqualTo("8192");
        assertThat(value("nb-web-1", "interface[eth0].network", "desired_value::text")).isEqualTo("\"prod-10\"");
        assertThat(value("nb-web-1", SSHD, "actual_value::text")).isEqualTo("\"yes\"");
        assertThat(value("nb-web-1", SSHD, "desired_provenance->>'source'")).isEqualTo("netbox");
        assertThat(value("nb-web-1", SSHD, "desired_provenance->>'object_id'")).isEqualTo(Integer.toString(vm));
        assertThat(value("nb-web-1", SSHD, "desired_provenance->>'attribute'")).contains("PermitRootLogin");
    }

    @Test
    void signedWebhookReevaluatesTheCiWhenIntentChanges() {
        int vm = webVm("nb-web-2", "active");
        streams.add("vm.power_changed", "{\"ci_id\":\"nb-web-2\",\"power_state\":\"off\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> "open".equals(value("nb-web-2", "power_state", "status")));

        netbox.virtualMachines().update(vm, spec -> spec.withStatus("offline"));
        assertThat(postWebhook("updated", vm, SECRET).getCode()).isEqualTo(HttpStatus.ACCEPTED.getCode());

        await().atMost(Duration.ofSeconds(10)).until(() -> "resolved".equals(value("nb-web-2", "power_state", "status")));
        assertThat(value("nb-web-2", "power_state", "resolved_by")).isEqualTo("desired_changed");

        netbox.virtualMachines().update(vm, spec -> spec.withStatus("active"));
        postWebhook("updated", vm, SECRET);
        await().atMost(Duration.ofSeconds(10)).until(() -> "open".equals(value("nb-web-2", "power_state", "status")));
    }

    @Test
    void periodicRefreshCatchesAChangeWhoseWebhookWasLost() {
        int vm = webVm("nb-web-4", "active");
        streams.add("vm.power_changed", "{\"ci_id\":\"nb-web-4\",\"power_state\":\"off\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> "open".equals(value("nb-web-4", "power_state", "status")));

        netbox.virtualMachines().update(vm, spec -> spec.withStatus("offline"));
        refreshJob.refresh();

        await().atMost(Duration.ofSeconds(10)).until(() -> "resolved".equals(value("nb-web-4", "power_state", "status")));
        assertThat(value("nb-web-4", "power_state", "resolved_by")).isEqualTo("desired_changed");
        assertThat(netbox.requests()).anyMatch(r -> r.contains("last_updated__gte="));
    }

    @Test
    void webhookWithInvalidSignatureIsRejectedAndChangesNothing() {
        int vm = webVm("nb-web-3", "active");
        netbox.virtualMachines().update(vm, spec -> spec.withStatus("offline"));

        assertThatThrownBy(() -> postWebhook("updated", vm, "wrong-secret"))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.UNAUTHORIZED.getCode());
                    assertThat(e.getResponse().getContentType()).hasValueSatisfying(
                            t -> assertThat(t.toString()).isEqualTo("application/problem+json"));
                });
        assertThat(count("select count(*) from reconcile_request where ci_id = 'nb-web-3'")).isZero();
    }

    @Test
    void whileNetBoxIsDownNothingIsDecidedAndEveryCiIsReconciledAfterRecovery() {
        webVm("nb-down-1", "active");
        webVm("nb-down-2", "active");
        netbox.down();
        try {
            streams.add("vm.power_changed", "{\"ci_id\":\"nb-down-1\",\"power_state\":\"off\"}");
            streams.add("vm.power_changed", "{\"ci_id\":\"nb-down-2\",\"power_state\":\"off\"}");

            await().atMost(Duration.ofSeconds(20)).until(() ->
                    count("select count(*) from reconcile_deferral where ci_id like 'nb-down-%'") == 2);
            assertThat(count("select count(*) from drift_event where ci_id like 'nb-down-%'"))
                    .as("no drift decided on a guess").isZero();
        } finally {
            netbox.up();
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                count("select count(*) from drift_event where ci_id like 'nb-down-%' and status = 'open'") == 2);
    }

    @Test
    void ciUnknownToNetBoxIsAnUnmanagedCiDrift() {
        streams.add("vm.power_changed", "{\"ci_id\":\"nb-stranger\",\"power_state\":\"on\"}");

        await().atMost(Duration.ofSeconds(30)).until(() -> "open".equals(value("nb-stranger", "ci.registered", "status")));
        assertThat(value("nb-stranger", "ci.registered", "category")).isEqualTo("state");
    }

    @Test
    void ciWithDriftDetectionDisabledIsSkipped() {
        netbox.virtualMachines().add(VmSpec.named("nb-lab").withStatus("active")
                .withCustomFields(Map.of("drift_detection_enabled", false)));
        streams.add("vm.power_changed", "{\"ci_id\":\"nb-lab\",\"power_state\":\"off\"}");
        streams.add("vm.power_changed", "{\"ci_id\":\"nb-marker\",\"power_state\":\"on\"}");

        await().atMost(Duration.ofSeconds(30)).until(() -> value("nb-marker", "ci.registered", "status") != null);
        assertThat(count("select count(*) from drift_event where ci_id = 'nb-lab'")).isZero();
    }

    private int webVm(String name, String status) {
        int vm = netbox.virtualMachines().add(VmSpec.named(name).withStatus(status).withResources(4.0, 8192, 40960)
                .withConfigContext(Map.of("drift", Map.of("files", Map.of("/etc/ssh/sshd_config",
                        Map.of("settings", Map.of("PermitRootLogin", "no")))))));
        netbox.vmInterfaces().add(InterfaceSpec.of(vm, "eth0").withUntaggedVlan(new Vlan(10, 10, "prod-10")));
        return vm;
    }

    private HttpStatus postWebhook(String event, int vm, String secret) {
        byte[] body = FakeNetBox.webhookBody(event, "virtualmachine", netbox.virtualMachineJson(vm))
                .getBytes(StandardCharsets.UTF_8);
        return http.toBlocking().exchange(HttpRequest.POST("/drift/webhooks/netbox", body)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("X-Hook-Signature", FakeNetBox.signature(secret, body))).getStatus();
    }

    private long openFields(String ci) {
        return count("select count(*) from drift_event where status = 'open' and ci_id = '" + ci + "'");
    }

    private String value(String ci, String field, String expression) {
        return database.read(c -> {
            try (var ps = c.prepareStatement("select " + expression
                    + " from drift_event where ci_id = ? and field_path = ? order by first_detected_at desc limit 1")) {
                ps.setString(1, ci);
                ps.setString(2, field);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    private long count(String sql) {
        return database.read(c -> {
            try (var rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}

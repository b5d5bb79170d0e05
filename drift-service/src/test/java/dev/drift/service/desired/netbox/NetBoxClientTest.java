package dev.drift.service.desired.netbox;

import static dev.drift.service.desired.netbox.NetBoxFixtures.object;
import static dev.drift.service.desired.netbox.NetBoxFixtures.page;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drift.service.desired.netbox.NetBoxData.Kind;
import dev.drift.service.desired.netbox.NetBoxData.Machine;
import dev.drift.service.system.DriftException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NetBoxClientTest {
    private MockWebServer server;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private NetBoxClient client(int attempts, Duration timeout, Duration waitOpen) {
        String url = server.url("/").toString();
        return new NetBoxClient(new NetBoxProperties(url, "0123456789abcdef", null, null, null, null, null, timeout,
                attempts, Duration.ofMillis(10), null, waitOpen, null, null, null, null));
    }

    private NetBoxClient client() {
        return client(3, Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    private static MockResponse json(String body) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }

    private String vmPage() {
        return page(List.of(object("vm-web-01.json")));
    }

    @Test
    void sendsTheTokenAndFiltersByName() throws InterruptedException {
        server.enqueue(json(vmPage()));

        List<Machine> found = client().machinesNamed(Kind.VM, "web-01");

        RecordedRequest request = server.takeRequest();
        assertThat(request.getHeader("Authorization")).isEqualTo("Token 0123456789abcdef");
        assertThat(request.getRequestUrl().encodedPath()).isEqualTo("/api/virtualization/virtual-machines/");
        assertThat(request.getRequestUrl().queryParameter("name")).isEqualTo("web-01");
        assertThat(request.getRequestUrl().queryParameter("limit")).isEqualTo("1000");
        assertThat(found).singleElement().satisfies(vm -> {
            assertThat(vm.id()).isEqualTo(7);
            assertThat(vm.status()).isEqualTo("active");
            assertThat(vm.vcpus()).isEqualByComparingTo(new BigDecimal("2"));
            assertThat(vm.memoryMb()).isEqualTo(4096);
            assertThat(vm.customFields().path("ci_id").asText()).isEqualTo("ci-web-01");
            assertThat(vm.configContext().path("drift").path("packages").path("openssl").asText()).isEqualTo("3.0.15-1");
        });
    }

    @Test
    void parsesUnknownFieldsUnknownChoicesAndBriefObjectsMissingRequiredFields() {
        ObjectNode vm = object("vm-web-01.json");
        vm.putObject("status").put("value", "retired").put("label", "Retired");
        vm.putObject("cluster").put("id", 3);
        vm.put("a_field_from_netbox_5", "x");
        server.enqueue(json(page(List.of(vm))));
        server.enqueue(json(page(NetBoxFixtures.read("device-interfaces.json"))));

        NetBoxClient client = client();
        Machine parsed = client.machinesNamed(Kind.VM, "web-01").get(0);

        assertThat(parsed.status()).isNull();
        assertThat(parsed.name()).isEqualTo("web-01");
        assertThat(client.interfaces(Kind.DEVICE, 40)).singleElement().satisfies(nic -> {
            assertThat(nic.name()).isEqualTo("ge-0/0/1");
            assertThat(nic.untaggedVlan()).isEqualTo("prod-db");
            assertThat(nic.mtu()).isEqualTo(9216);
        });
    }

    @Test
    void filtersByCustomFieldThroughTheQuery() throws InterruptedException {
        server.enqueue(json(vmPage()));

        assertThat(client().machinesWithCustomField(Kind.VM, "ci_id", "ci-web-01")).hasSize(1);

        RecordedRequest request = server.takeRequest();
        assertThat(request.getRequestUrl().queryParameter("cf_ci_id")).isEqualTo("ci-web-01");
        assertThat(request.getHeader("Authorization")).isEqualTo("Token 0123456789abcdef");
    }

    @Test
    void followsPagesUntilThereIsNoNext() throws InterruptedException {
        ObjectNode second = object("vm-web-01.json").put("id", 8).put("name", "web-02");
        server.enqueue(json(page(2, server.url("/api/virtualization/virtual-machines/?offset=1").toString(),
                List.of(object("vm-web-01.json")))));
        server.enqueue(json(page(2, null, List.of(second))));

        List<Machine> all = client().allMachines(Kind.VM, null);

        assertThat(all).extracting(Machine::name).containsExactly("web-01", "web-02");
        server.takeRequest();
        assertThat(server.takeRequest().getRequestUrl().queryParameter("offset")).isEqualTo("1");
    }

    @Test
    void retriesA503AndSucceeds() {
        server.enqueue(new MockResponse().setResponseCode(503));
        server.enqueue(json(vmPage()));

        assertThat(client().machinesNamed(Kind.VM, "web-01")).hasSize(1);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void waitsForRetryAfterOn429() {
        server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "1"));
        server.enqueue(json(vmPage()));

        long start = System.nanoTime();
        assertThat(client().machinesNamed(Kind.VM, "web-01")).hasSize(1);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofMillis(4000));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void notFoundAndForbiddenAreTerminalAndNotRetried() {
        server.enqueue(new MockResponse().setResponseCode(404).setBody("{\"detail\": \"Not found.\"}"));
        server.enqueue(new MockResponse().setResponseCode(403).setBody("{\"detail\": \"Invalid token\"}"));
        NetBoxClient client = client();

        assertThatThrownBy(() -> client.machinesNamed(Kind.VM, "web-01"))
                .isInstanceOf(DriftException.Terminal.class).hasMessageContaining("404");
        assertThatThrownBy(() -> client.allMachines(Kind.DEVICE, null))
                .isInstanceOf(DriftException.Terminal.class).hasMessageContaining("403");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aMissingObjectByIdIsEmpty() {
        server.enqueue(new MockResponse().setResponseCode(404).setBody("{\"detail\": \"Not found.\"}"));

        assertThat(client().machine(Kind.DEVICE, 99)).isEmpty();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void anUnparseableBodyIsTerminal() {
        server.enqueue(json("<html>proxy error</html>"));

        assertThatThrownBy(() -> client().machinesNamed(Kind.VM, "web-01"))
                .isInstanceOf(DriftException.Terminal.class).hasMessageContaining("does not parse");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aTimeoutIsRetryable() {
        server.enqueue(json(vmPage()).setHeadersDelay(3, TimeUnit.SECONDS));

        assertThatThrownBy(() -> client(1, Duration.ofMillis(300), Duration.ofSeconds(30))
                .machinesNamed(Kind.VM, "web-01"))
                .isInstanceOf(DriftException.Retryable.class).hasMessageContaining("unreachable");
    }

    @Test
    void anUnreachableServerIsRetryable() throws IOException {
        NetBoxClient client = client(2, Duration.ofSeconds(1), Duration.ofSeconds(30));
        server.shutdown();

        assertThatThrownBy(() -> client.machinesNamed(Kind.VM, "web-01"))
                .isInstanceOf(DriftException.Retryable.class);
    }

    @Test
    void circuitOpensAfterRepeatedFailuresRejectsFastThenClosesAfterTheWait() {
        NetBoxClient client = client(1, Duration.ofSeconds(2), Duration.ofMillis(500));
        for (int i = 0; i < 5; i++) {
            server.enqueue(new MockResponse().setResponseCode(502));
            assertThatThrownBy(() -> client.machinesNamed(Kind.VM, "web-01")).isInstanceOf(DriftException.Retryable.class);
        }
        assertThat(client.guard().circuitState()).isEqualTo(CircuitBreaker.State.OPEN);

        assertThatThrownBy(() -> client.machinesNamed(Kind.VM, "web-01"))
                .isInstanceOf(DriftException.Retryable.class).hasMessageContaining("circuit is open");
        assertThat(server.getRequestCount()).isEqualTo(5);

        server.enqueue(json(vmPage()));
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .until(() -> client.machinesNamed(Kind.VM, "web-01").size() == 1);
        assertThat(client.guard().circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(server.getRequestCount()).isEqualTo(6);
    }
}

package dev.drift.embedded.netbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeNetBoxTest {
    private static final String TOKEN = "0123456789abcdef";
    private static final String VMS = "/api/virtualization/virtual-machines/";

    private FakeNetBox netbox;
    private NetBoxHttp http;

    @BeforeEach
    void start() {
        netbox = new FakeNetBox(TOKEN).start();
        http = new NetBoxHttp(netbox.url(), TOKEN);
    }

    @AfterEach
    void stop() {
        netbox.close();
    }

    private void addVms(int count) {
        IntStream.rangeClosed(1, count)
                .forEach(i -> netbox.virtualMachines().add(VmSpec.named(String.format("vm-%04d", i))));
    }

    @Test
    void paginatesWithAbsoluteNextAndPreviousLinks() throws Exception {
        addVms(120);

        JsonNode first = http.get(VMS);
        JsonNode second = http.follow(first.get("next").asText());
        JsonNode last = http.follow(second.get("next").asText());

        assertThat(first.get("count").asInt()).isEqualTo(120);
        assertThat(first.get("results")).hasSize(50);
        assertThat(first.get("next").asText()).isEqualTo(netbox.url() + "api/virtualization/virtual-machines/?limit=50&offset=50");
        assertThat(first.get("previous").isNull()).isTrue();
        assertThat(second.get("previous").asText()).isEqualTo(netbox.url() + "api/virtualization/virtual-machines/?limit=50");
        assertThat(last.get("results")).hasSize(20);
        assertThat(last.at("/results/0/name").asText()).isEqualTo("vm-0101");
        assertThat(last.get("next").isNull()).isTrue();
        assertThat(last.get("previous").asText()).endsWith("?limit=50&offset=50");
    }

    @Test
    void keepsFiltersInPageLinksSortedAsDjangoWritesThem() throws Exception {
        addVms(30);

        JsonNode page = http.get(VMS + "?status=active&limit=10&offset=15");

        assertThat(page.get("next").asText()).endsWith("?limit=10&offset=25&status=active");
        assertThat(page.get("previous").asText()).endsWith("?limit=10&offset=5&status=active");
        assertThat(page.at("/results/0/name").asText()).isEqualTo("vm-0016");
    }

    @Test
    void capsTheLimitAtOneThousand() throws Exception {
        addVms(1001);

        JsonNode page = http.get(VMS + "?limit=5000");

        assertThat(page.get("results")).hasSize(1000);
        assertThat(page.get("next").asText()).endsWith("?limit=1000&offset=1000");
    }

    @Test
    void filtersByRepeatedNameAndCustomField() throws Exception {
        netbox.virtualMachines().add(VmSpec.named("a").withCustomFields(Map.of("owner", "web", "managed", true)));
        netbox.virtualMachines().add(VmSpec.named("b").withCustomFields(Map.of("owner", "db", "managed", true)));
        netbox.virtualMachines().add(VmSpec.named("c").withCustomFields(Map.of("owner", "web", "managed", false)));

        assertThat(names(http.get(VMS + "?name=a&name=c"))).containsExactly("a", "c");
        assertThat(names(http.get(VMS + "?cf_owner=web&cf_managed=true"))).containsExactly("a");
        assertThat(names(http.get(VMS + "?name=A"))).isEmpty();
    }

    @Test
    void filtersInterfacesAndAddressesByTheirMachine() throws Exception {
        int web = netbox.virtualMachines().add(VmSpec.named("web"));
        int db = netbox.virtualMachines().add(VmSpec.named("db"));
        int webEth0 = netbox.vmInterfaces().add(InterfaceSpec.of(web, "eth0"));
        int dbEth0 = netbox.vmInterfaces().add(InterfaceSpec.of(db, "eth0"));
        netbox.ipAddresses().add(IpSpec.onVmInterface("10.0.0.5/24", webEth0));
        netbox.ipAddresses().add(IpSpec.onVmInterface("10.0.1.5/24", dbEth0));

        JsonNode interfaces = http.get("/api/virtualization/interfaces/?virtual_machine_id=" + db);
        JsonNode ips = http.get("/api/ipam/ip-addresses/?vminterface_id=" + webEth0);
        JsonNode ipsOfDb = http.get("/api/ipam/ip-addresses/?virtual_machine_id=" + db);

        assertThat(interfaces.get("count").asInt()).isEqualTo(1);
        assertThat(interfaces.at("/results/0/virtual_machine/name").asText()).isEqualTo("db");
        assertThat(ips.at("/results/0/address").asText()).isEqualTo("10.0.0.5/24");
        assertThat(ips.at("/results/0/assigned_object/virtual_machine/id").asInt()).isEqualTo(web);
        assertThat(ipsOfDb.at("/results/0/address").asText()).isEqualTo("10.0.1.5/24");
    }

    @Test
    void filtersByLastUpdatedAfterAnUpdate() throws Exception {
        int a = netbox.virtualMachines().add(VmSpec.named("a"));
        netbox.virtualMachines().add(VmSpec.named("b"));
        Instant before = netbox.virtualMachines().lastUpdated(a).orElseThrow();

        netbox.virtualMachines().update(a, vm -> vm.withStatus("offline"));
        Instant after = netbox.virtualMachines().lastUpdated(a).orElseThrow();
        JsonNode changed = http.get(VMS + "?last_updated__gte=" + Render.time(after));

        assertThat(after).isAfter(before);
        assertThat(names(changed)).containsExactly("a");
        assertThat(changed.at("/results/0/status/value").asText()).isEqualTo("offline");
        assertThat(changed.at("/results/0/last_updated").asText()).isEqualTo(Render.time(after));
    }

    @Test
    void answers404ForUnknownAndDeletedObjects() throws Exception {
        int vm = netbox.virtualMachines().add(VmSpec.named("gone"));
        netbox.vmInterfaces().add(InterfaceSpec.of(vm, "eth0"));
        netbox.virtualMachines().delete(vm);

        HttpResponse<String> response = http.send(VMS + vm + "/");
        HttpResponse<String> device = http.send("/api/dcim/devices/42/");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(NetBoxHttp.parse(response.body()).get("detail").asText())
                .isEqualTo("No VirtualMachine matches the given query.");
        assertThat(NetBoxHttp.parse(device.body()).get("detail").asText())
                .isEqualTo("No Device matches the given query.");
        assertThat(http.get("/api/virtualization/interfaces/").get("count").asInt()).isZero();
    }

    @Test
    void rejectsMissingAndWrongTokens() throws Exception {
        HttpResponse<String> missing = new NetBoxHttp(netbox.url(), null).send(VMS);
        HttpResponse<String> wrong = new NetBoxHttp(netbox.url(), "nope").send(VMS);

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(NetBoxHttp.parse(wrong.body()).get("detail").asText()).isEqualTo("Invalid token");
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValue("Token");
    }

    @Test
    void delaysEveryResponseByTheLatency() throws Exception {
        netbox.setLatency(Duration.ofMillis(300));

        long start = System.nanoTime();
        http.get(VMS);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void failsTheNextRequestsThenRecovers() throws Exception {
        netbox.failWith(503, 2);

        List<Integer> statuses = List.of(http.send(VMS).statusCode(), http.send(VMS).statusCode(),
                http.send(VMS).statusCode());

        assertThat(statuses).containsExactly(503, 503, 200);
    }

    @Test
    void failsUntilHealedWhenTimesIsMinusOne() throws Exception {
        netbox.failWith(500, -1);
        int during = http.send(VMS).statusCode();
        int stillDuring = http.send(VMS).statusCode();

        netbox.heal();

        assertThat(List.of(during, stillDuring, http.send(VMS).statusCode())).containsExactly(500, 500, 200);
    }

    @Test
    void throttlesWithRetryAfterInSeconds() throws Exception {
        netbox.failWith429(1, Duration.ofSeconds(7));

        HttpResponse<String> throttled = http.send(VMS);

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(http.send(VMS).statusCode()).isEqualTo(200);
    }

    @Test
    void leavesTheNextRequestUnanswered() throws Exception {
        netbox.timeoutNext(1);

        assertThatThrownBy(() -> http.send(VMS, Duration.ofMillis(300))).isInstanceOf(HttpTimeoutException.class);
        assertThat(http.send(VMS).statusCode()).isEqualTo(200);
    }

    @Test
    void dropsConnectionsWhileDownAndComesBackOnTheSamePort() throws Exception {
        int port = netbox.port();
        netbox.down();

        NetBoxHttp fresh = new NetBoxHttp(netbox.url(), TOKEN);
        assertThatThrownBy(() -> fresh.send(VMS)).isInstanceOf(IOException.class);

        netbox.up();

        assertThat(netbox.port()).isEqualTo(port);
        assertThat(new NetBoxHttp(netbox.url(), TOKEN).send(VMS).statusCode()).isEqualTo(200);
    }

    @Test
    void countsRequestsPerPath() throws Exception {
        http.send(VMS + "?limit=10");
        http.send(VMS);
        http.send("/api/dcim/devices/");
        new NetBoxHttp(netbox.url(), null).send("/api/dcim/devices/");

        assertThat(netbox.requestCount(VMS)).isEqualTo(2);
        assertThat(netbox.requestCount("/api/dcim/devices/")).isEqualTo(2);
        assertThat(netbox.requestCount()).isEqualTo(4);
        assertThat(netbox.requests()).startsWith(VMS + "?limit=10", VMS);
    }

    @Test
    void signsWebhooksWithHexHmacSha512() throws Exception {
        byte[] body = "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA512");
        mac.init(new SecretKeySpec("Jefe".getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
        String expected = HexFormat.of().formatHex(mac.doFinal(body));

        assertThat(FakeNetBox.signature("Jefe", body))
                .isEqualTo(expected)
                .isEqualTo("164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
                        + "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737");
    }

    @Test
    void buildsWebhookPayloadsFromServedObjects() {
        int vm = netbox.virtualMachines().add(VmSpec.named("web-1"));

        JsonNode payload = NetBoxHttp.parse(
                FakeNetBox.webhookBody("updated", "virtualmachine", netbox.virtualMachineJson(vm)));

        assertThat(payload.get("event").asText()).isEqualTo("updated");
        assertThat(payload.get("model").asText()).isEqualTo("virtualmachine");
        assertThat(payload.get("username").asText()).isEqualTo("admin");
        assertThat(payload.get("request_id").asText()).hasSize(36);
        assertThat(payload.get("timestamp").asText()).endsWith("+00:00");
        assertThat(payload.at("/data/name").asText()).isEqualTo("web-1");
        assertThat(payload.at("/snapshots/postchange/id").asInt()).isEqualTo(vm);
        assertThat(payload.at("/snapshots/prechange").isNull()).isTrue();
    }

    private static List<String> names(JsonNode page) {
        return StreamSupport.stream(page.get("results").spliterator(), false)
                .map(vm -> vm.get("name").asText())
                .toList();
    }
}

package dev.drift.service.desired.netbox;

import static dev.drift.service.desired.netbox.FakeNetBox.json;
import static dev.drift.service.desired.netbox.FakeNetBox.q;
import static dev.drift.service.desired.netbox.NetBoxFixtures.object;
import static dev.drift.service.desired.netbox.NetBoxFixtures.page;
import static dev.drift.service.desired.netbox.NetBoxFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drift.service.desired.DesiredLookup;
import dev.drift.service.model.CiKey;
import dev.drift.service.model.DesiredState;
import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldValue;
import dev.drift.service.system.DriftException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NetBoxDesiredStateSourceTest {
    private static final String VMS = "/api/virtualization/virtual-machines/";
    private static final String DEVICES = "/api/dcim/devices/";
    private static final String VM_NICS = "/api/virtualization/interfaces/";
    private static final String DEVICE_NICS = "/api/dcim/interfaces/";
    private static final String IPS = "/api/ipam/ip-addresses/";
    private static final CiKey WEB = CiKey.of("web-01");

    private final FakeClock clock = new FakeClock();
    private FakeNetBox netbox;

    static final class FakeClock implements InstantSource {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-02-01T12:00:00Z"));

        @Override
        public Instant instant() {
            return now.get();
        }

        void advance(Duration by) {
            now.updateAndGet(t -> t.plus(by));
        }
    }

    @BeforeEach
    void start() throws Exception {
        netbox = new FakeNetBox();
        netbox.on(VMS, q("name=web-01"), page(List.of(object("vm-web-01.json"))))
                .on(VM_NICS, q("virtual_machine_id=7"), page(read("vm-interfaces.json")))
                .on(IPS, q("virtual_machine_id=7"), page(read("vm-ip-addresses.json")))
                .on(DEVICES, q("name=sw-01"), page(List.of(object("device-sw-01.json"))))
                .on(DEVICE_NICS, q("device_id=40"), page(read("device-interfaces.json")))
                .on(IPS, q("device_id=40"), page(read("device-ip-addresses.json")));
    }

    @AfterEach
    void stop() throws Exception {
        netbox.close();
    }

    private NetBoxDesiredStateSource source(String identity, int pageSize) {
        return new NetBoxDesiredStateSource(new NetBoxProperties(netbox.url(), "secret", identity == null ? null
                : NetBoxProperties.Identity.valueOf(identity), null, Duration.ofMinutes(5), null,
                Duration.ofMinutes(15), Duration.ofSeconds(2), 1, Duration.ofMillis(10), null, null, null, pageSize,
                null, null), clock);
    }

    private NetBoxDesiredStateSource source() {
        return source(null, 1000);
    }

    private static DesiredState managed(DesiredLookup lookup) {
        assertThat(lookup).isInstanceOf(DesiredLookup.Managed.class);
        return ((DesiredLookup.Managed) lookup).state();
    }

    @Test
    void looksUpAVmWithItsInterfacesAndAddresses() {
        DesiredState state = managed(source().lookup(WEB));

        assertThat(state.ciType()).isEqualTo("vm");
        assertThat(state.fields().get(FieldPath.parse("power_state")).value()).isEqualTo(new FieldValue.Text("on"));
        assertThat(state.fields().get(FieldPath.parse("interface[eth0].ip_addresses")).value())
                .isEqualTo(new FieldValue.Items(List.of("10.0.0.11/24", "fd00::11/64")));
        assertThat(state.fields().get(FieldPath.parse("interface[eth0].network")).value())
                .isEqualTo(new FieldValue.Text("prod-web"));
        assertThat(netbox.calls(DEVICES)).isZero();
    }

    @Test
    void fallsBackToADevice() {
        DesiredState state = managed(source().lookup(CiKey.of("sw-01")));

        assertThat(state.ciType()).isEqualTo("device");
        assertThat(state.fields().get(FieldPath.parse("power_state")).value()).isEqualTo(new FieldValue.Text("off"));
        assertThat(state.fields().get(FieldPath.parse("interface[ge-0/0/1].network")).value())
                .isEqualTo(new FieldValue.Text("prod-db"));
        assertThat(state.fields().get(FieldPath.parse("firmware[junos].version")).value())
                .isEqualTo(new FieldValue.Text("23.4R2"));
        assertThat(netbox.calls(VMS)).isEqualTo(1);
    }

    @Test
    void anUnknownCiIsUnmanaged() {
        assertThat(source().lookup(CiKey.of("ghost"))).isEqualTo(new DesiredLookup.Unmanaged(CiKey.of("ghost")));
    }

    @Test
    void findsByCustomFieldUnderThatIdentityRule() {
        netbox.on(VMS, q("cf_ci_id=ci-web-01"), page(List.of(object("vm-web-01.json"))));

        NetBoxDesiredStateSource source = source("CUSTOM_FIELD", 1000);

        assertThat(managed(source.lookup(CiKey.of("ci-web-01"))).ci()).isEqualTo(CiKey.of("ci-web-01"));
        assertThat(source.lookup(WEB)).isInstanceOf(DesiredLookup.Unmanaged.class);
    }

    @Test
    void concurrentLookupsOfOneCiShareOneNetBoxCall() throws Exception {
        String body = page(List.of(object("vm-web-01.json")));
        netbox.on(VMS, q("name=web-01"), r -> json(body).setBodyDelay(300, TimeUnit.MILLISECONDS));
        NetBoxDesiredStateSource source = source();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<DesiredLookup>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return source.lookup(WEB);
                }));
            }
            go.countDown();
            for (Future<DesiredLookup> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS)).isInstanceOf(DesiredLookup.Managed.class);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(netbox.calls(VMS)).isEqualTo(1);
    }

    @Test
    void cachedUntilTheTtlExpires() {
        NetBoxDesiredStateSource source = source();
        source.lookup(WEB);
        clock.advance(Duration.ofMinutes(4));
        source.lookup(WEB);
        assertThat(netbox.calls(VMS)).isEqualTo(1);

        clock.advance(Duration.ofMinutes(2));
        source.lookup(WEB);

        assertThat(netbox.calls(VMS)).isEqualTo(2);
    }

    @Test
    void invalidateMakesTheNextLookupReadNetBox() {
        NetBoxDesiredStateSource source = source();
        source.lookup(WEB);
        source.lookup(CiKey.of("sw-01"));

        source.invalidate(WEB);
        source.lookup(WEB);
        assertThat(netbox.calls(VMS)).isEqualTo(3);

        source.invalidateAll();
        source.lookup(CiKey.of("sw-01"));
        assertThat(netbox.calls(DEVICES)).isEqualTo(2);
    }

    @Test
    void servesTheLastKnownValueMarkedCachedWhileNetBoxIsDown() {
        NetBoxDesiredStateSource source = source();
        source.lookup(WEB);
        clock.advance(Duration.ofMinutes(10));
        netbox.down(true);

        DesiredState stale = managed(source.lookup(WEB));

        assertThat(stale.fields().get(FieldPath.parse("power_state")).value()).isEqualTo(new FieldValue.Text("on"));
        assertThat(stale.fields().values()).allSatisfy(field ->
                assertThat(field.provenance().attribute()).endsWith(" (cached 2025-02-01T12:00:00Z)"));
        assertThat(stale.fields().get(FieldPath.parse("power_state")).provenance().attribute())
                .isEqualTo("status (cached 2025-02-01T12:00:00Z)");
    }

    @Test
    void beyondStaleMaxAgeNetBoxBeingDownIsRetryable() {
        NetBoxDesiredStateSource source = source();
        source.lookup(WEB);
        clock.advance(Duration.ofMinutes(16));
        netbox.down(true);

        assertThatThrownBy(() -> source.lookup(WEB)).isInstanceOf(DriftException.Retryable.class);
        assertThatThrownBy(() -> source.lookup(CiKey.of("never-seen"))).isInstanceOf(DriftException.Retryable.class);
    }

    @Test
    void terminalFailuresAreNotMaskedByStaleValues() {
        NetBoxDesiredStateSource source = source();
        source.lookup(WEB);
        clock.advance(Duration.ofMinutes(6));
        netbox.on(VMS, q("name=web-01"), r -> json("{\"detail\": \"forbidden\"}").setResponseCode(403));

        assertThatThrownBy(() -> source.lookup(WEB)).isInstanceOf(DriftException.Terminal.class);
    }

    @Test
    void loadAllUsesFewPaginatedCallsAndFillsTheCache() {
        List<ObjectNode> vms = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            vms.add(object("vm-web-01.json").put("id", 100 + i).put("name", "vm-" + i));
        }
        servePages(VMS, vms, 2);
        servePages(DEVICES, List.of(object("device-sw-01.json")), 2);
        servePages(DEVICE_NICS, List.of((ObjectNode) read("device-interfaces.json").get(0)), 2);
        ObjectNode nic = (ObjectNode) read("vm-interfaces.json").get(0);
        nic.putObject("virtual_machine").put("id", 103).put("name", "vm-3");
        servePages(VM_NICS, List.of(nic), 2);
        servePages(IPS, List.of((ObjectNode) read("vm-ip-addresses.json").get(0),
                (ObjectNode) read("device-ip-addresses.json").get(0)), 2);
        NetBoxDesiredStateSource source = source(null, 2);

        Map<CiKey, DesiredLookup> all = source.loadAll();

        assertThat(all).containsOnlyKeys(CiKey.of("vm-1"), CiKey.of("vm-2"), CiKey.of("vm-3"), CiKey.of("vm-4"),
                CiKey.of("vm-5"), CiKey.of("sw-01"));
        assertThat(managed(all.get(CiKey.of("vm-3"))).fields().get(FieldPath.parse("interface[eth0].ip_addresses"))
                .value()).isEqualTo(new FieldValue.Items(List.of("10.0.0.11/24")));
        assertThat(managed(all.get(CiKey.of("sw-01"))).fields()).containsKey(FieldPath.parse("interface[ge-0/0/1].mtu"));
        assertThat(netbox.totalCalls()).isEqualTo(3 + 1 + 1 + 1 + 1);

        source.lookup(CiKey.of("vm-4"));
        assertThat(netbox.totalCalls()).isEqualTo(7);
    }

    @Test
    void changedSinceListsVmsAndDevicesUpdatedSince() {
        netbox.on(VMS, q("last_updated__gte=2025-01-19T00:00:00Z"), page(List.of(object("vm-web-01.json"))))
                .on(DEVICES, q("last_updated__gte=2025-01-19T00:00:00Z"), NetBoxFixtures.empty());

        assertThat(source().changedSince(Instant.parse("2025-01-19T00:00:00Z"))).containsExactly(WEB);
    }

    @Test
    void mapsWebhookObjectsToTheirCi() {
        NetBoxDesiredStateSource source = source();
        JsonNode vm = read("vm-web-01.json");
        JsonNode nic = read("vm-interfaces.json").get(0);
        JsonNode ip = read("vm-ip-addresses.json").get(0);
        JsonNode deviceNic = read("device-interfaces.json").get(0);

        assertThat(source.ciOf("virtualmachine", vm)).contains(WEB);
        assertThat(source.ciOf("vminterface", nic)).contains(WEB);
        assertThat(source.ciOf("ipaddress", ip)).contains(WEB);
        assertThat(source.ciOf("interface", deviceNic)).contains(CiKey.of("sw-01"));
        assertThat(source.ciOf("device", read("device-sw-01.json"))).contains(CiKey.of("sw-01"));
        assertThat(source.ciOf("ipaddress", read("vm-ip-addresses.json").get(1))).isEmpty();
        assertThat(source.ciOf("vlan", vm)).isEmpty();
    }

    @Test
    void webhookParentsAreReadFromNetBoxUnderTheCustomFieldRule() {
        netbox.on(VMS + "7/", q(), object("vm-web-01.json").toString());
        NetBoxDesiredStateSource source = source("CUSTOM_FIELD", 1000);

        assertThat(source.ciOf("virtualmachine", read("vm-web-01.json"))).contains(CiKey.of("ci-web-01"));
        assertThat(source.ciOf("vminterface", read("vm-interfaces.json").get(0))).contains(CiKey.of("ci-web-01"));
        assertThat(netbox.calls(VMS + "7/")).isEqualTo(1);
    }

    private void servePages(String path, List<ObjectNode> items, int pageSize) {
        for (int offset = 0; offset < items.size() || offset == 0; offset += pageSize) {
            List<ObjectNode> slice = items.subList(Math.min(offset, items.size()),
                    Math.min(offset + pageSize, items.size()));
            String next = offset + pageSize < items.size() ? netbox.url() + path + "?offset=" + (offset + pageSize) : null;
            netbox.on(path, q("offset=" + offset), page(items.size(), next, slice));
        }
    }
}

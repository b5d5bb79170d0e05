package dev.drift.embedded.netbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every body the fake serves conforms to the NetBox 4.2 component schema the generated client is built
 * from, except where NetBox itself answers outside that schema ({@link NetBoxSchema#KNOWN_DEVIATIONS});
 * those are reproduced on purpose and pinned by {@link #deviatesFromTheSchemaOnlyWhereNetBoxDoes}.
 */
class FakeNetBoxSchemaTest {
    private static FakeNetBox netbox;
    private static NetBoxHttp http;
    private static int vmId;
    private static int deviceId;

    @BeforeAll
    static void startWithOneOfEverything() {
        netbox = new FakeNetBox("schema-token").start();
        http = new NetBoxHttp(netbox.url(), "schema-token");
        vmId = netbox.virtualMachines().add(VmSpec.named("web-1")
                .withResources(2.0, 4096, 20480)
                .withRelations(BriefRef.of(3, "Frankfurt 1"), new BriefRef(7, "prod-cluster", "prod-cluster"),
                        BriefRef.of(2, "Web server"), BriefRef.of(4, "Shop"), BriefRef.of(5, "Ubuntu 24.04"))
                .withCustomFields(Map.of("drift_managed", true, "owner", "team-web", "ticket", 1234))
                .withConfigContext(Map.of("ntp", List.of("10.0.0.1", "10.0.0.2"), "sshd", Map.of("port", 22)))
                .withTags(List.of("drift", "Production")));
        netbox.virtualMachines().add(VmSpec.named("web-2").withStatus("planned"));
        netbox.virtualMachines().add(VmSpec.named("web-3").withStatus("decommissioning"));
        deviceId = netbox.devices().add(DeviceSpec.named("hv-1")
                .withTenantAndPlatform(BriefRef.of(4, "Shop"), null)
                .withCustomFields(Map.of("drift_managed", false))
                .withConfigContext(Map.of("bmc", Map.of("vendor", "idrac")))
                .withTags(List.of("drift")));
        int eth0 = netbox.vmInterfaces().add(InterfaceSpec.of(vmId, "eth0").withMtu(1500)
                .withMacAddress("52:54:00:12:34:56").withUntaggedVlan(new Vlan(10, 110, "web")));
        netbox.vmInterfaces().add(InterfaceSpec.of(vmId, "eth1").withEnabled(false));
        int bond0 = netbox.deviceInterfaces().add(InterfaceSpec.of(deviceId, "bond0").withType("lag")
                .withMtu(9000).withUntaggedVlan(new Vlan(11, 200, "storage")));
        netbox.deviceInterfaces().add(InterfaceSpec.of(deviceId, "eno1").withType("1000base-t")
                .withMacAddress("aa:bb:cc:00:11:22"));
        netbox.ipAddresses().add(IpSpec.onVmInterface("10.0.0.5/24", eth0).withDnsName("web-1.example.net"));
        netbox.ipAddresses().add(IpSpec.onDeviceInterface("2001:db8::1/64", bond0));
        netbox.ipAddresses().add(IpSpec.unassigned("10.0.9.9/32").withStatus("reserved"));
        netbox.configContexts().add(ConfigContextSpec.of("ntp", Map.of("ntp", List.of("10.0.0.1")))
                .withDataFile("contexts/ntp.json"));
        netbox.configContexts().add(ConfigContextSpec.of("sshd", Map.of("sshd", Map.of("port", 22)))
                .withWeight(2000).withDataFile("contexts/sshd.json"));
    }

    @AfterAll
    static void stop() {
        netbox.close();
    }

    static Stream<Arguments> responses() {
        return Stream.of(
                Arguments.of("PaginatedVirtualMachineWithConfigContextList", "/api/virtualization/virtual-machines/"),
                Arguments.of("PaginatedVirtualMachineWithConfigContextList",
                        "/api/virtualization/virtual-machines/?limit=1&offset=1"),
                Arguments.of("PaginatedVirtualMachineWithConfigContextList",
                        "/api/virtualization/virtual-machines/?name=absent"),
                Arguments.of("VirtualMachineWithConfigContext", "/api/virtualization/virtual-machines/1/"),
                Arguments.of("PaginatedDeviceWithConfigContextList", "/api/dcim/devices/"),
                Arguments.of("DeviceWithConfigContext", "/api/dcim/devices/1/"),
                Arguments.of("PaginatedVMInterfaceList", "/api/virtualization/interfaces/?limit=1"),
                Arguments.of("PaginatedVMInterfaceList", "/api/virtualization/interfaces/?virtual_machine_id=1"),
                Arguments.of("PaginatedInterfaceList", "/api/dcim/interfaces/?device_id=1"),
                Arguments.of("PaginatedIPAddressList", "/api/ipam/ip-addresses/"),
                Arguments.of("PaginatedIPAddressList", "/api/ipam/ip-addresses/?limit=1&offset=2"),
                Arguments.of("PaginatedConfigContextList", "/api/extras/config-contexts/"),
                Arguments.of("PaginatedConfigContextList", "/api/extras/config-contexts/?name=absent"));
    }

    @ParameterizedTest(name = "{1} is a {0}")
    @MethodSource("responses")
    void servesBodiesThatMatchTheNetBoxSchema(String component, String path) throws Exception {
        JsonNode body = http.get(path);

        assertThat(NetBoxSchema.unexpectedViolations(component, body)).isEmpty();
    }

    @Test
    void fixtureExercisesTheInterestingFields() throws Exception {
        JsonNode vm = http.get("/api/virtualization/virtual-machines/" + vmId + "/");
        JsonNode vmInterfaces = http.get("/api/virtualization/interfaces/?virtual_machine_id=" + vmId);
        JsonNode page = http.get("/api/virtualization/virtual-machines/?limit=1&offset=1");

        assertThat(vm.at("/config_context/sshd/port").asInt()).isEqualTo(22);
        assertThat(vm.at("/custom_fields/drift_managed").asBoolean()).isTrue();
        assertThat(vm.at("/cluster/name").asText()).isEqualTo("prod-cluster");
        assertThat(vmInterfaces.at("/results/0/untagged_vlan/vid").asInt()).isEqualTo(110);
        assertThat(page.get("next").isTextual()).isTrue();
        assertThat(page.get("previous").isTextual()).isTrue();
    }

    @Test
    void deviatesFromTheSchemaOnlyWhereNetBoxDoes() throws Exception {
        JsonNode interfaces = http.get("/api/dcim/interfaces/?device_id=" + deviceId + "&name=bond0");
        JsonNode ips = http.get("/api/ipam/ip-addresses/?status=reserved");
        int local = netbox.configContexts().add(ConfigContextSpec.of("local", Map.of("motd", "hello")));
        JsonNode contexts = http.get("/api/extras/config-contexts/?name=local");
        netbox.configContexts().delete(local);

        assertThat(NetBoxSchema.violations("PaginatedInterfaceList", interfaces)).containsExactly(
                "$.results[0].connected_endpoints_reachable: null found, boolean expected");
        assertThat(NetBoxSchema.violations("PaginatedIPAddressList", ips)).singleElement().asString()
                .startsWith("$.results[0].dns_name: does not match the regex pattern");
        assertThat(NetBoxSchema.violations("PaginatedConfigContextList", contexts)).containsExactly(
                "$.results[0].data_file: null found, object expected",
                "$.results[0].data_source: null found, object expected");
    }

    @Test
    void rejectsABodyWithoutARequiredProperty() throws Exception {
        ObjectNode vm = (ObjectNode) http.get("/api/virtualization/virtual-machines/" + vmId + "/");
        vm.remove("virtual_disk_count");

        assertThat(NetBoxSchema.violations("VirtualMachineWithConfigContext", vm))
                .singleElement().asString().contains("virtual_disk_count");
    }

    @Test
    void rejectsABodyWithAWrongTypeOrEnumValue() throws Exception {
        ObjectNode device = (ObjectNode) http.get("/api/dcim/devices/" + deviceId + "/");
        device.put("interface_count", "two");
        ((ObjectNode) device.get("status")).put("value", "running");

        assertThat(NetBoxSchema.violations("DeviceWithConfigContext", device))
                .containsExactly("$.interface_count: string found, integer expected",
                        "$.status.value: does not have a value in the enumeration [\"offline\", \"active\", "
                                + "\"planned\", \"staged\", \"failed\", \"inventory\", \"decommissioning\"]");
    }

    @Test
    void acceptsNullOnlyWhereTheSchemaSaysNullable() throws Exception {
        ObjectNode vm = (ObjectNode) http.get("/api/virtualization/virtual-machines/" + vmId + "/");
        vm.putNull("cluster");
        vm.putNull("name");

        assertThat(NetBoxSchema.violations("VirtualMachineWithConfigContext", vm))
                .singleElement().asString().contains("name");
    }
}

package dev.drift.service.desired.netbox;

import static dev.drift.service.desired.netbox.NetBoxFixtures.JSON;
import static dev.drift.service.desired.netbox.NetBoxFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drift.service.desired.DesiredLookup;
import dev.drift.service.desired.netbox.NetBoxData.Interface;
import dev.drift.service.desired.netbox.NetBoxData.IpAddress;
import dev.drift.service.desired.netbox.NetBoxData.Kind;
import dev.drift.service.desired.netbox.NetBoxData.Machine;
import dev.drift.service.desired.netbox.NetBoxData.Snapshot;
import dev.drift.service.model.CiKey;
import dev.drift.service.model.DesiredState;
import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldPattern;
import dev.drift.service.model.FieldValue;
import dev.drift.service.model.Provenance;
import dev.drift.service.system.DriftException;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class NetBoxMapperTest {
    private static final CiKey CI = CiKey.of("web-01");

    private static Machine vm(String status, JsonNode configContext, JsonNode customFields) {
        return new Machine(Kind.VM, 7, "web-01", status, new BigDecimal("2.50"), 4096, 51200, customFields,
                configContext, null, List.of("prod", "compliance-base-linux"));
    }

    private static Machine vm(JsonNode configContext) {
        return vm("active", configContext, JSON.createObjectNode());
    }

    private static DesiredState managed(Snapshot snapshot) {
        DesiredLookup lookup = NetBoxMapper.map(CI, snapshot);
        assertThat(lookup).isInstanceOf(DesiredLookup.Managed.class);
        return ((DesiredLookup.Managed) lookup).state();
    }

    private static DesiredState managed(Machine machine) {
        return managed(new Snapshot(machine, List.of(), List.of()));
    }

    private static FieldValue value(DesiredState state, String path) {
        return state.fields().get(FieldPath.parse(path)).value();
    }

    private static Provenance provenance(DesiredState state, String path) {
        return state.fields().get(FieldPath.parse(path)).provenance();
    }

    @ParameterizedTest
    @CsvSource({"active,on", "offline,off"})
    void statusGivesPowerState(String status, String power) {
        DesiredState state = managed(vm(status, null, null));

        assertThat(value(state, "power_state")).isEqualTo(new FieldValue.Text(power));
        assertThat(provenance(state, "power_state"))
                .isEqualTo(new Provenance("netbox", "virtualization.virtualmachine", "7", "status"));
    }

    @ParameterizedTest
    @CsvSource(value = {"planned", "staged", "failed", "decommissioning", "inventory", "NULL"}, nullValues = "NULL")
    void otherStatusesLeavePowerStateUnmonitored(String status) {
        assertThat(managed(vm(status, null, null)).fields()).doesNotContainKey(FieldPath.of("power_state"));
    }

    @Test
    void vmSizingIsNumbersInMegabytes() {
        DesiredState state = managed(vm(null));

        assertThat(state.ciType()).isEqualTo("vm");
        assertThat(value(state, "vcpus")).isEqualTo(new FieldValue.Number(new BigDecimal("2.50")));
        assertThat(value(state, "memory_mb")).isEqualTo(FieldValue.Number.of(4096));
        assertThat(value(state, "disk_mb")).isEqualTo(FieldValue.Number.of(51200));
        assertThat(provenance(state, "memory_mb").attribute()).isEqualTo("memory");
    }

    @Test
    void tagsAndCompliancePacksComeFromTagsAndTheCustomField() throws Exception {
        JsonNode listed = JSON.readTree("{\"compliance_packs\": [\"ssh-hardening\", \"base-linux\"]}");
        JsonNode text = JSON.readTree("{\"compliance_packs\": \"ssh-hardening, pci\"}");

        assertThat(managed(vm("active", JSON.createObjectNode(), listed)).tags())
                .containsExactlyInAnyOrder("prod", "compliance-base-linux");
        assertThat(managed(vm("active", JSON.createObjectNode(), listed)).packs())
                .containsExactly("ssh-hardening", "base-linux");
        assertThat(managed(vm("active", JSON.createObjectNode(), text)).packs())
                .containsExactly("ssh-hardening", "pci", "base-linux");
        assertThat(managed(vm(JSON.createObjectNode())).packs()).containsExactly("base-linux");
    }

    @Test
    void devicesHaveNoSizing() {
        Machine device = new Machine(Kind.DEVICE, 40, "sw-01", "offline", null, null, null, null, null, null, null);
        DesiredState state = managed(device);

        assertThat(state.ciType()).isEqualTo("device");
        assertThat(state.fields().keySet()).extracting(FieldPath::toString).containsExactly("power_state");
        assertThat(provenance(state, "power_state").objectType()).isEqualTo("dcim.device");
    }

    @Test
    void interfacesGiveNetworkMtuMacAndTheirOwnAddresses() {
        List<Interface> nics = List.of(
                new Interface(Kind.VM, 101, 7, "eth0", 1500, "52:54:00:12:34:56", "prod-web"),
                new Interface(Kind.VM, 102, 7, "eth1", null, null, null));
        List<IpAddress> ips = List.of(
                new IpAddress(21, "10.0.0.11/24", "virtualization.vminterface", 101L),
                new IpAddress(22, "fd00::11/64", "virtualization.vminterface", 101L),
                new IpAddress(23, "10.9.9.9/24", "dcim.interface", 101L));

        DesiredState state = managed(new Snapshot(vm(null), nics, ips));

        assertThat(value(state, "interface[eth0].network")).isEqualTo(new FieldValue.Text("prod-web"));
        assertThat(value(state, "interface[eth0].mtu")).isEqualTo(FieldValue.Number.of(1500));
        assertThat(value(state, "interface[eth0].mac")).isEqualTo(new FieldValue.Text("52:54:00:12:34:56"));
        assertThat(value(state, "interface[eth0].ip_addresses"))
                .isEqualTo(new FieldValue.Items(List.of("10.0.0.11/24", "fd00::11/64")));
        assertThat(provenance(state, "interface[eth0].network"))
                .isEqualTo(new Provenance("netbox", "virtualization.vminterface", "101", "untagged_vlan"));
        assertThat(provenance(state, "interface[eth0].ip_addresses"))
                .isEqualTo(new Provenance("netbox", "ipam.ipaddress", "21,22", "address"));
        assertThat(state.fields().keySet()).extracting(FieldPath::toString)
                .noneMatch(path -> path.startsWith("interface[eth1]"));
    }

    @Test
    void everyConfigContextSectionBecomesFields() {
        DesiredState state = managed(vm(read("vm-web-01.json").path("config_context")));
        String file = "file[/etc/ssh/sshd_config]";

        assertThat(value(state, file + ".sha256").display()).startsWith("9f86d081");
        assertThat(value(state, file + ".mode")).isEqualTo(new FieldValue.Text("0600"));
        assertThat(value(state, file + ".owner")).isEqualTo(new FieldValue.Text("root"));
        assertThat(value(state, file + ".group")).isEqualTo(new FieldValue.Text("root"));
        assertThat(value(state, file + ".setting[PermitRootLogin]")).isEqualTo(new FieldValue.Text("no"));
        assertThat(value(state, file + ".setting[MaxAuthTries]")).isEqualTo(new FieldValue.Text("3"));
        assertThat(value(state, "package[openssl].version")).isEqualTo(new FieldValue.Text("3.0.15-1"));
        assertThat(value(state, "package[telnetd].version")).isEqualTo(FieldValue.absent());
        assertThat(value(state, "service[ssh].state")).isEqualTo(new FieldValue.Text("running"));
        assertThat(value(state, "service[ssh].enabled")).isEqualTo(new FieldValue.Text("true"));
        assertThat(value(state, "sysctl[net.ipv4.ip_forward]")).isEqualTo(new FieldValue.Text("0"));
        assertThat(value(state, "firmware[bios].version")).isEqualTo(new FieldValue.Text("2.14.1"));
        assertThat(state.ignore()).containsExactly(FieldPattern.of("file[/etc/hosts].*"));
        assertThat(provenance(state, file + ".setting[PermitRootLogin]")).isEqualTo(new Provenance("netbox",
                "virtualization.virtualmachine", "7",
                "config_context.drift.files./etc/ssh/sshd_config.settings.PermitRootLogin"));
        assertThat(provenance(state, "sysctl[net.ipv4.ip_forward]").attribute())
                .isEqualTo("config_context.drift.sysctl.net.ipv4.ip_forward");
    }

    @Test
    void aContextWithoutDriftKeyAddsNothing() {
        DesiredState state = managed(vm(JSON.createObjectNode().put("ntp", "10.0.0.1")));

        assertThat(state.fields().keySet()).extracting(FieldPath::toString)
                .containsExactlyInAnyOrder("power_state", "vcpus", "memory_mb", "disk_mb");
        assertThat(state.ignore()).isEmpty();
    }

    @Test
    void detectionDisabledByCustomField() {
        ObjectNode customFields = JSON.createObjectNode().put("drift_detection_enabled", false);

        DesiredLookup lookup = NetBoxMapper.map(CI, new Snapshot(vm("active", null, customFields), List.of(), List.of()));

        assertThat(lookup).isInstanceOfSatisfying(DesiredLookup.Disabled.class, disabled -> {
            assertThat(disabled.ci()).isEqualTo(CI);
            assertThat(disabled.reason()).contains("drift_detection_enabled", "virtualization.virtualmachine 7");
        });
    }

    @Test
    void malformedContextIsTerminalNamingObjectAndKey() throws Exception {
        JsonNode wrongType = JSON.readTree("{\"drift\": {\"packages\": [\"openssl\"]}}");
        JsonNode nested = JSON.readTree("{\"drift\": {\"services\": {\"ssh\": {\"enabled\": \"yes\"}}}}");
        JsonNode unknown = JSON.readTree("{\"drift\": {\"pakages\": {}}}");

        assertThatThrownBy(() -> managed(vm(wrongType))).isInstanceOf(DriftException.Terminal.class)
                .hasMessageContaining("virtualization.virtualmachine 7 (web-01)")
                .hasMessageContaining("config_context.drift.packages must be an object");
        assertThatThrownBy(() -> managed(vm(nested))).isInstanceOf(DriftException.Terminal.class)
                .hasMessageContaining("config_context.drift.services.ssh.enabled must be true or false");
        assertThatThrownBy(() -> managed(vm(unknown))).isInstanceOf(DriftException.Terminal.class)
                .hasMessageContaining("config_context.drift.pakages");
    }
}

package dev.drift.service.desired.netbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drift.service.desired.DesiredLookup;
import dev.drift.service.desired.netbox.NetBoxData.Interface;
import dev.drift.service.desired.netbox.NetBoxData.IpAddress;
import dev.drift.service.desired.netbox.NetBoxData.Machine;
import dev.drift.service.desired.netbox.NetBoxData.Snapshot;
import dev.drift.service.model.CiKey;
import dev.drift.service.model.DesiredField;
import dev.drift.service.model.DesiredState;
import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldPattern;
import dev.drift.service.model.FieldValue;
import dev.drift.service.model.Provenance;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A NetBox VM or device, with its interfaces and IP addresses, as desired state. Pure: no I/O.
 *
 * <p>{@code status} → {@code power_state}:
 * <table>
 *   <caption>status table</caption>
 *   <tr><th>NetBox status</th><th>power_state</th></tr>
 *   <tr><td>active</td><td>on</td></tr>
 *   <tr><td>offline</td><td>off</td></tr>
 *   <tr><td>planned, staged, failed, decommissioning, inventory, any other or unknown value, none</td>
 *       <td>not monitored (no field)</td></tr>
 * </table>
 *
 * <p>VM sizing: {@code vcpus} → {@code vcpus}, {@code memory} → {@code memory_mb}, {@code disk} →
 * {@code disk_mb} (NetBox 4.x counts both in MB), as numbers; devices have no sizing. Each interface
 * gives {@code interface[<name>].network} (its untagged VLAN's name), {@code .mtu}, {@code .mac} and
 * {@code .ip_addresses} ({@code a.b.c.d/nn} of the IPs assigned to it), each only when NetBox has a
 * value. The {@code drift} key of the rendered config context is read by {@link ConfigContextParser}.
 * Custom field {@code drift_detection_enabled = false} makes the CI {@link DesiredLookup.Disabled}.
 * The machine's tag slugs become the CI's tags; its compliance packs come from {@link #packs}.
 *
 * <p>Every field's {@link Provenance} is {@code netbox}, the NetBox object type and id it was read
 * from, and the attribute or config-context key path.
 */
final class NetBoxMapper {
    static final String SOURCE = "netbox";
    static final String DETECTION_FLAG = "drift_detection_enabled";
    static final String PACKS_FIELD = "compliance_packs";
    static final String PACK_TAG_PREFIX = "compliance-";

    private NetBoxMapper() {
    }

    /** Throws {@link dev.drift.service.system.DriftException.Terminal} for a malformed drift config context. */
    static DesiredLookup map(CiKey ci, Snapshot snapshot) {
        Machine machine = snapshot.machine();
        JsonNode flag = machine.customFields().path(DETECTION_FLAG);
        if (flag.isBoolean() && !flag.booleanValue()) {
            return new DesiredLookup.Disabled(ci, "custom field " + DETECTION_FLAG + " is false on NetBox "
                    + machine.describe());
        }
        Map<FieldPath, DesiredField> fields = new LinkedHashMap<>();
        powerState(machine, fields);
        sizing(machine, fields);
        for (Interface nic : snapshot.interfaces()) {
            network(nic, addressesOf(nic, snapshot.ipAddresses()), fields);
        }
        List<FieldPattern> ignore = ConfigContextParser.parse(machine, fields);
        return new DesiredLookup.Managed(new DesiredState(ci, machine.kind().ciType, fields, ignore,
                Set.copyOf(machine.tags()), packs(machine)));
    }

    /**
     * The compliance packs assigned to the machine: the names in custom field {@value #PACKS_FIELD}
     * (a multiple-selection field, or text with names separated by commas or spaces), and one per tag
     * whose slug starts with {@value #PACK_TAG_PREFIX}.
     */
    static List<String> packs(Machine machine) {
        List<String> packs = new ArrayList<>();
        JsonNode field = machine.customFields().path(PACKS_FIELD);
        if (field.isArray()) {
            field.forEach(name -> packs.add(name.asText().strip()));
        } else if (field.isTextual()) {
            packs.addAll(List.of(field.asText().strip().split("[,\\s]+")));
        }
        machine.tags().stream().filter(tag -> tag.startsWith(PACK_TAG_PREFIX))
                .forEach(tag -> packs.add(tag.substring(PACK_TAG_PREFIX.length())));
        return packs.stream().filter(name -> !name.isEmpty()).distinct().toList();
    }

    /** The power state a NetBox status asks for; null when the status does not say. */
    static String powerState(String status) {
        if (status == null) {
            return null;
        }
        return switch (status) {
            case "active" -> "on";
            case "offline" -> "off";
            default -> null;
        };
    }

    private static void powerState(Machine machine, Map<FieldPath, DesiredField> fields) {
        String power = powerState(machine.status());
        if (power != null) {
            fields.put(FieldPath.of("power_state"), field(new FieldValue.Text(power), machine, "status"));
        }
    }

    private static void sizing(Machine machine, Map<FieldPath, DesiredField> fields) {
        if (machine.vcpus() != null) {
            fields.put(FieldPath.of("vcpus"), field(new FieldValue.Number(machine.vcpus()), machine, "vcpus"));
        }
        if (machine.memoryMb() != null) {
            fields.put(FieldPath.of("memory_mb"), field(number(machine.memoryMb()), machine, "memory"));
        }
        if (machine.diskMb() != null) {
            fields.put(FieldPath.of("disk_mb"), field(number(machine.diskMb()), machine, "disk"));
        }
    }

    private static void network(Interface nic, List<IpAddress> addresses, Map<FieldPath, DesiredField> fields) {
        if (nic.name() == null || nic.name().isBlank() || nic.name().indexOf('[') >= 0 || nic.name().indexOf(']') >= 0) {
            return;
        }
        FieldPath base = FieldPath.keyed("interface", nic.name());
        String type = nic.kind().interfaceType;
        String id = String.valueOf(nic.id());
        if (nic.untaggedVlan() != null) {
            fields.put(base.child("network"), new DesiredField(new FieldValue.Text(nic.untaggedVlan()),
                    new Provenance(SOURCE, type, id, "untagged_vlan")));
        }
        if (nic.mtu() != null) {
            fields.put(base.child("mtu"), new DesiredField(number(nic.mtu()), new Provenance(SOURCE, type, id, "mtu")));
        }
        if (nic.mac() != null && !nic.mac().isBlank()) {
            fields.put(base.child("mac"), new DesiredField(new FieldValue.Text(nic.mac()),
                    new Provenance(SOURCE, type, id, "mac_address")));
        }
        if (!addresses.isEmpty()) {
            List<String> ids = addresses.stream().map(ip -> String.valueOf(ip.id())).toList();
            fields.put(base.child("ip_addresses"), new DesiredField(
                    new FieldValue.Items(addresses.stream().map(IpAddress::address).toList()),
                    new Provenance(SOURCE, "ipam.ipaddress", String.join(",", ids), "address")));
        }
    }

    private static List<IpAddress> addressesOf(Interface nic, List<IpAddress> all) {
        List<IpAddress> mine = new ArrayList<>();
        for (IpAddress ip : all) {
            if (ip.address() != null && nic.kind().interfaceType.equals(ip.assignedObjectType())
                    && Objects.equals(ip.assignedObjectId(), (long) nic.id())) {
                mine.add(ip);
            }
        }
        return mine;
    }

    private static FieldValue number(int value) {
        return new FieldValue.Number(BigDecimal.valueOf(value));
    }

    private static DesiredField field(FieldValue value, Machine machine, String attribute) {
        return new DesiredField(value, new Provenance(SOURCE, machine.kind().objectType, String.valueOf(machine.id()),
                attribute));
    }
}

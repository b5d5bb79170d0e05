package dev.drift.service.desired.netbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drift.service.desired.netbox.NetBoxData.Interface;
import dev.drift.service.desired.netbox.NetBoxData.IpAddress;
import dev.drift.service.desired.netbox.NetBoxData.Kind;
import dev.drift.service.desired.netbox.NetBoxData.Machine;
import dev.drift.service.desired.netbox.client.model.BriefMACAddress;
import dev.drift.service.desired.netbox.client.model.BriefVLAN;
import dev.drift.service.desired.netbox.client.model.DeviceWithConfigContext;
import dev.drift.service.desired.netbox.client.model.DeviceWithConfigContextStatus;
import dev.drift.service.desired.netbox.client.model.IPAddress;
import dev.drift.service.desired.netbox.client.model.ModelInterface;
import dev.drift.service.desired.netbox.client.model.NestedTag;
import dev.drift.service.desired.netbox.client.model.VMInterface;
import dev.drift.service.desired.netbox.client.model.VirtualMachineWithConfigContext;
import dev.drift.service.desired.netbox.client.model.VirtualMachineWithConfigContextStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * Generated client types to {@link NetBoxData}. A status value the schema does not know (newer
 * NetBox, a custom choice) becomes null, as does anything NetBox left out (brief objects).
 */
final class NetBoxConversions {
    private static final String UNKNOWN = "unknown_default_open_api";

    private final ObjectMapper mapper;

    NetBoxConversions(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    Machine vm(VirtualMachineWithConfigContext vm) {
        VirtualMachineWithConfigContextStatus status = vm.getStatus();
        String value = status == null || status.getValue() == null ? null : status.getValue().getValue();
        return new Machine(Kind.VM, id(vm.getId()), vm.getName(), known(value),
                vm.getVcpus() == null ? null : BigDecimal.valueOf(vm.getVcpus()), vm.getMemory(), vm.getDisk(),
                tree(vm.getCustomFields()), tree(vm.getConfigContext()), instant(vm.getLastUpdated()),
                tagSlugs(vm.getTags()));
    }

    Machine device(DeviceWithConfigContext device) {
        DeviceWithConfigContextStatus status = device.getStatus();
        String value = status == null || status.getValue() == null ? null : status.getValue().getValue();
        return new Machine(Kind.DEVICE, id(device.getId()), device.getName(), known(value), null, null, null,
                tree(device.getCustomFields()), tree(device.getConfigContext()), instant(device.getLastUpdated()),
                tagSlugs(device.getTags()));
    }

    private static List<String> tagSlugs(List<NestedTag> tags) {
        return tags == null ? List.of() : tags.stream().map(NestedTag::getSlug).filter(Objects::nonNull).toList();
    }

    static Interface vmInterface(VMInterface nic) {
        int machine = nic.getVirtualMachine() == null ? 0 : id(nic.getVirtualMachine().getId());
        return new Interface(Kind.VM, id(nic.getId()), machine, nic.getName(), nic.getMtu(),
                mac(nic.getMacAddress(), nic.getPrimaryMacAddress()), vlan(nic.getUntaggedVlan()));
    }

    static Interface deviceInterface(ModelInterface nic) {
        int machine = nic.getDevice() == null ? 0 : id(nic.getDevice().getId());
        return new Interface(Kind.DEVICE, id(nic.getId()), machine, nic.getName(), nic.getMtu(),
                mac(nic.getMacAddress(), nic.getPrimaryMacAddress()), vlan(nic.getUntaggedVlan()));
    }

    static IpAddress ipAddress(IPAddress ip) {
        return new IpAddress(id(ip.getId()), ip.getAddress(), ip.getAssignedObjectType(), ip.getAssignedObjectId());
    }

    private JsonNode tree(Object value) {
        return value == null ? null : mapper.valueToTree(value);
    }

    private static String known(String status) {
        return status == null || UNKNOWN.equals(status) ? null : status;
    }

    private static String mac(String mac, BriefMACAddress primary) {
        if (mac != null && !mac.isBlank()) {
            return mac;
        }
        return primary == null ? null : primary.getMacAddress();
    }

    private static String vlan(BriefVLAN vlan) {
        return vlan == null ? null : vlan.getName();
    }

    private static int id(Integer id) {
        return id == null ? 0 : id;
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}

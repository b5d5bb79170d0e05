package dev.drift.service.desired.netbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the adapter keeps of NetBox's answers, independent of the generated client's types (which
 * stay behind {@link NetBoxClient}). Nullable components are attributes NetBox left empty.
 */
final class NetBoxData {
    private NetBoxData() {
    }

    /** The two kinds of NetBox objects that are CIs, with their NetBox object types. */
    enum Kind {
        VM("vm", "virtualization.virtualmachine", "virtualization.vminterface"),
        DEVICE("device", "dcim.device", "dcim.interface");

        final String ciType;
        final String objectType;
        final String interfaceType;

        Kind(String ciType, String objectType, String interfaceType) {
            this.ciType = ciType;
            this.objectType = objectType;
            this.interfaceType = interfaceType;
        }
    }

    /**
     * A VM or device.
     *
     * @param status        the status choice value ({@code active}, ...); null when absent or not a known choice
     * @param customFields  the {@code custom_fields} object (missing node when not sent)
     * @param configContext the rendered {@code config_context} (missing node when not sent)
     * @param tags          the slugs of its tags
     */
    record Machine(Kind kind, int id, String name, String status, BigDecimal vcpus, Integer memoryMb, Integer diskMb,
                   JsonNode customFields, JsonNode configContext, Instant lastUpdated, List<String> tags) {
        Machine {
            Objects.requireNonNull(kind, "kind");
            tags = tags == null ? List.of() : List.copyOf(tags);
            customFields = customFields == null ? MissingNode.getInstance() : customFields;
            configContext = configContext == null ? MissingNode.getInstance() : configContext;
        }

        String describe() {
            return kind.objectType + " " + id + (name == null ? "" : " (" + name + ")");
        }
    }

    /** An interface of a VM ({@code virtualization.vminterface}) or device ({@code dcim.interface}). */
    record Interface(Kind kind, int id, int machineId, String name, Integer mtu, String mac, String untaggedVlan) {
    }

    /** An IP address with what it is assigned to ({@code virtualization.vminterface} or {@code dcim.interface}). */
    record IpAddress(int id, String address, String assignedObjectType, Long assignedObjectId) {
    }

    /** A machine with its interfaces and their IP addresses: everything its desired state is made of. */
    record Snapshot(Machine machine, List<Interface> interfaces, List<IpAddress> ipAddresses) {
        Snapshot {
            Objects.requireNonNull(machine, "machine");
            interfaces = List.copyOf(interfaces);
            ipAddresses = List.copyOf(ipAddresses);
        }
    }
}

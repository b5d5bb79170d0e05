package dev.drift.embedded.netbox;

import java.util.Objects;
import java.util.Set;

/**
 * An IP address with its prefix length ("10.0.0.5/24"), optionally assigned to an interface.
 *
 * @param address            address and prefix length
 * @param status             one of active, reserved, deprecated, dhcp, slaac
 * @param assignedObjectType "virtualization.vminterface", "dcim.interface", or null when unassigned
 * @param assignedObjectId   the interface id, or null when unassigned
 * @param dnsName            the DNS name, "" for none
 */
public record IpSpec(String address, String status, String assignedObjectType, Integer assignedObjectId,
                     String dnsName) {
    /** {@code assigned_object_type} of an IP on a VM interface. */
    public static final String VM_INTERFACE = "virtualization.vminterface";
    /** {@code assigned_object_type} of an IP on a device interface. */
    public static final String DEVICE_INTERFACE = "dcim.interface";

    private static final Set<String> STATUSES = Set.of("active", "reserved", "deprecated", "dhcp", "slaac");

    public IpSpec {
        Objects.requireNonNull(address, "address");
        if (!address.contains("/")) {
            throw new IllegalArgumentException("address needs a prefix length, e.g. 10.0.0.5/24: " + address);
        }
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException("unknown IP status " + status + ", expected one of " + STATUSES);
        }
        if ((assignedObjectType == null) != (assignedObjectId == null)) {
            throw new IllegalArgumentException("assignedObjectType and assignedObjectId go together");
        }
        if (assignedObjectType != null && !Set.of(VM_INTERFACE, DEVICE_INTERFACE).contains(assignedObjectType)) {
            throw new IllegalArgumentException("unsupported assigned object type " + assignedObjectType);
        }
        Objects.requireNonNull(dnsName, "dnsName");
    }

    /** An active address on the given VM interface. */
    public static IpSpec onVmInterface(String address, int vmInterfaceId) {
        return new IpSpec(address, "active", VM_INTERFACE, vmInterfaceId, "");
    }

    /** An active address on the given device interface. */
    public static IpSpec onDeviceInterface(String address, int interfaceId) {
        return new IpSpec(address, "active", DEVICE_INTERFACE, interfaceId, "");
    }

    /** An active address assigned to nothing. */
    public static IpSpec unassigned(String address) {
        return new IpSpec(address, "active", null, null, "");
    }

    public IpSpec withStatus(String newStatus) {
        return new IpSpec(address, newStatus, assignedObjectType, assignedObjectId, dnsName);
    }

    public IpSpec withDnsName(String newDnsName) {
        return new IpSpec(address, status, assignedObjectType, assignedObjectId, newDnsName);
    }

    /** 6 when the address is IPv6, else 4. */
    public int family() {
        return address.contains(":") ? 6 : 4;
    }
}

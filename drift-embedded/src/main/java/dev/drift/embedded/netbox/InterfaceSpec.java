package dev.drift.embedded.netbox;

import java.util.Objects;

/**
 * A VM interface or a device interface. {@code parentId} is the virtual machine's id for
 * {@link FakeNetBox#vmInterfaces()} and the device's id for {@link FakeNetBox#deviceInterfaces()}.
 *
 * @param parentId     the owning VM or device id
 * @param name         the interface name
 * @param enabled      whether the interface is enabled
 * @param mtu          the MTU, or null
 * @param macAddress   the primary MAC address ("52:54:00:12:34:56"), or null
 * @param untaggedVlan the untagged VLAN (mode access), or null
 * @param type         the device interface type value ("1000base-t", "virtual"); ignored for VM interfaces
 */
public record InterfaceSpec(int parentId, String name, boolean enabled, Integer mtu, String macAddress,
                            Vlan untaggedVlan, String type) {
    public InterfaceSpec {
        if (parentId <= 0) {
            throw new IllegalArgumentException("parentId must be positive: " + parentId);
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (mtu != null && (mtu < 1 || mtu > 65536)) {
            throw new IllegalArgumentException("mtu must be 1..65536: " + mtu);
        }
    }

    /** An enabled interface without MTU, MAC or VLAN. */
    public static InterfaceSpec of(int parentId, String name) {
        return new InterfaceSpec(parentId, name, true, null, null, null, "virtual");
    }

    public InterfaceSpec withEnabled(boolean newEnabled) {
        return new InterfaceSpec(parentId, name, newEnabled, mtu, macAddress, untaggedVlan, type);
    }

    public InterfaceSpec withMtu(Integer newMtu) {
        return new InterfaceSpec(parentId, name, enabled, newMtu, macAddress, untaggedVlan, type);
    }

    public InterfaceSpec withMacAddress(String newMacAddress) {
        return new InterfaceSpec(parentId, name, enabled, mtu, newMacAddress, untaggedVlan, type);
    }

    public InterfaceSpec withUntaggedVlan(Vlan newVlan) {
        return new InterfaceSpec(parentId, name, enabled, mtu, macAddress, newVlan, type);
    }

    public InterfaceSpec withType(String newType) {
        return new InterfaceSpec(parentId, name, enabled, mtu, macAddress, untaggedVlan, newType);
    }
}

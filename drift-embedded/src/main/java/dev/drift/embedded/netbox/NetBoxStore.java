package dev.drift.embedded.netbox;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** All objects the fake serves, with NetBox's cascading deletes between them. */
final class NetBoxStore {
    final FakeObjects<VmSpec> virtualMachines;
    final FakeObjects<DeviceSpec> devices;
    final FakeObjects<InterfaceSpec> vmInterfaces;
    final FakeObjects<InterfaceSpec> deviceInterfaces;
    final FakeObjects<IpSpec> ipAddresses;
    final FakeObjects<ConfigContextSpec> configContexts;
    private final Map<String, Integer> tagIds = new ConcurrentHashMap<>();
    private final Map<String, Integer> macIds = new ConcurrentHashMap<>();
    private final AtomicInteger nextTagId = new AtomicInteger();
    private final AtomicInteger nextMacId = new AtomicInteger();

    NetBoxStore(Clock clock) {
        ChangeClock changes = new ChangeClock(clock);
        ipAddresses = new FakeObjects<>(changes, id -> { });
        configContexts = new FakeObjects<>(changes, id -> { });
        vmInterfaces = new FakeObjects<>(changes, id -> deleteIpsOn(IpSpec.VM_INTERFACE, id));
        deviceInterfaces = new FakeObjects<>(changes, id -> deleteIpsOn(IpSpec.DEVICE_INTERFACE, id));
        virtualMachines = new FakeObjects<>(changes, id -> vmInterfaces.removeIf(i -> i.parentId() == id));
        devices = new FakeObjects<>(changes, id -> deviceInterfaces.removeIf(i -> i.parentId() == id));
    }

    private void deleteIpsOn(String type, int interfaceId) {
        ipAddresses.removeIf(ip -> type.equals(ip.assignedObjectType())
                && Objects.equals(ip.assignedObjectId(), interfaceId));
    }

    /** The id of the tag with this name; NetBox tags are objects of their own, the fake numbers them. */
    int tagId(String tag) {
        return tagIds.computeIfAbsent(tag, t -> nextTagId.incrementAndGet());
    }

    /** The id of the MAC address object (NetBox 4.2 models MAC addresses as objects). */
    int macId(String mac) {
        return macIds.computeIfAbsent(mac, m -> nextMacId.incrementAndGet());
    }

    long ipCountOn(String type, int interfaceId) {
        return ipAddresses.all().stream()
                .filter(ip -> type.equals(ip.spec().assignedObjectType())
                        && Objects.equals(ip.spec().assignedObjectId(), interfaceId))
                .count();
    }

    long interfaceCount(FakeObjects<InterfaceSpec> interfaces, int parentId) {
        return interfaces.all().stream().filter(i -> i.spec().parentId() == parentId).count();
    }
}

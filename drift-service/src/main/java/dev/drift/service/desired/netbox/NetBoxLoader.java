package dev.drift.service.desired.netbox;

import dev.drift.service.desired.netbox.NetBoxData.Interface;
import dev.drift.service.desired.netbox.NetBoxData.IpAddress;
import dev.drift.service.desired.netbox.NetBoxData.Kind;
import dev.drift.service.desired.netbox.NetBoxData.Machine;
import dev.drift.service.desired.netbox.NetBoxData.Snapshot;
import dev.drift.service.model.CiKey;
import dev.drift.service.system.DriftException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads snapshots (a machine with its interfaces and IP addresses) from NetBox: one CI at a time
 * (a VM first, then a device) or every CI at once with paginated list calls only.
 */
final class NetBoxLoader {
    private static final Logger LOG = LoggerFactory.getLogger(NetBoxLoader.class);
    private static final List<Kind> ORDER = List.of(Kind.VM, Kind.DEVICE);

    private final NetBoxClient client;
    private final NetBoxIdentity identity;

    NetBoxLoader(NetBoxClient client, NetBoxIdentity identity) {
        this.client = client;
        this.identity = identity;
    }

    /** The CI's VM, else its device; empty when NetBox has neither. Several matches are terminal. */
    Optional<Snapshot> find(CiKey ci) {
        for (Kind kind : ORDER) {
            List<Machine> found = identity.find(kind, ci);
            if (found.size() > 1) {
                throw new DriftException.Terminal("CI " + ci + " names " + found.size() + " NetBox objects: "
                        + found.stream().map(Machine::describe).toList());
            }
            if (found.size() == 1) {
                Machine machine = found.get(0);
                return Optional.of(new Snapshot(machine, client.interfaces(kind, machine.id()),
                        client.ipAddresses(kind, machine.id())));
            }
        }
        return Optional.empty();
    }

    /**
     * Every CI's snapshot, from five paginated lists (VMs, devices, their interfaces, IP addresses).
     * A VM wins over a device with the same CI id, as in {@link #find}; CI ids naming several
     * objects of the kind that wins are left out (their lookup reports the ambiguity).
     */
    Map<CiKey, Snapshot> all() {
        Map<String, List<IpAddress>> ipsByInterface = new HashMap<>();
        for (IpAddress ip : client.allIpAddresses(null)) {
            ipsByInterface.computeIfAbsent(ip.assignedObjectType() + "/" + ip.assignedObjectId(),
                    k -> new ArrayList<>()).add(ip);
        }
        Map<CiKey, Snapshot> all = new LinkedHashMap<>();
        for (Kind kind : ORDER) {
            Map<Integer, List<Interface>> interfaces = new HashMap<>();
            for (Interface nic : client.allInterfaces(kind, null)) {
                interfaces.computeIfAbsent(nic.machineId(), k -> new ArrayList<>()).add(nic);
            }
            Set<CiKey> ambiguous = new HashSet<>();
            Map<CiKey, Snapshot> ofKind = new LinkedHashMap<>();
            for (Machine machine : client.allMachines(kind, null)) {
                Optional<CiKey> key = identity.keyOf(machine);
                if (key.isEmpty() || all.containsKey(key.get())) {
                    continue;
                }
                List<Interface> nics = interfaces.getOrDefault(machine.id(), List.of());
                Snapshot snapshot = new Snapshot(machine, nics, addresses(nics, ipsByInterface));
                if (ofKind.putIfAbsent(key.get(), snapshot) != null) {
                    ambiguous.add(key.get());
                }
            }
            ambiguous.forEach(ofKind::remove);
            if (!ambiguous.isEmpty()) {
                LOG.warn("CI ids naming several NetBox {} objects, left out of the bulk load: {}", kind.objectType,
                        ambiguous);
            }
            all.putAll(ofKind);
        }
        return all;
    }

    /** CI ids of VMs and devices changed at or after {@code since}, sorted. */
    List<CiKey> changedSince(Instant since) {
        Set<CiKey> changed = new TreeSet<>();
        for (Kind kind : ORDER) {
            for (Machine machine : client.allMachines(kind, since)) {
                identity.keyOf(machine).ifPresent(changed::add);
            }
        }
        return List.copyOf(changed);
    }

    private static List<IpAddress> addresses(List<Interface> nics, Map<String, List<IpAddress>> byInterface) {
        List<IpAddress> ips = new ArrayList<>();
        for (Interface nic : nics) {
            ips.addAll(byInterface.getOrDefault(nic.kind().interfaceType + "/" + nic.id(), List.of()));
        }
        return ips;
    }
}

package dev.drift.embedded.netbox;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The six endpoints the fake serves, with the filters drift and its tests use. */
final class Endpoints {
    private Endpoints() {
    }

    static List<Endpoint<?>> all(NetBoxStore store) {
        return List.of(virtualMachines(store), devices(store), vmInterfaces(store), deviceInterfaces(store),
                ipAddresses(store), configContexts(store));
    }

    private static Endpoint<VmSpec> virtualMachines(NetBoxStore store) {
        Map<String, Function<VmSpec, List<String>>> fields = Map.of(
                "name", vm -> List.of(vm.name()),
                "status", vm -> List.of(vm.status()),
                "site_id", vm -> id(vm.site()),
                "cluster_id", vm -> id(vm.cluster()),
                "role_id", vm -> id(vm.role()),
                "tenant_id", vm -> id(vm.tenant()),
                "platform_id", vm -> id(vm.platform()),
                "tag", vm -> slugs(vm.tags()));
        return new Endpoint<>(MachineJson.VM_PATH, "VirtualMachine", store.virtualMachines,
                byName(VmSpec::name), fields, VmSpec::customFields, (json, s) -> json.machines.vm(s));
    }

    private static Endpoint<DeviceSpec> devices(NetBoxStore store) {
        Map<String, Function<DeviceSpec, List<String>>> fields = Map.of(
                "name", d -> List.of(d.name()),
                "status", d -> List.of(d.status()),
                "site_id", d -> id(d.site()),
                "role_id", d -> id(d.role()),
                "tenant_id", d -> id(d.tenant()),
                "platform_id", d -> id(d.platform()),
                "tag", d -> slugs(d.tags()));
        return new Endpoint<>(MachineJson.DEVICE_PATH, "Device", store.devices,
                byName(DeviceSpec::name), fields, DeviceSpec::customFields, (json, s) -> json.machines.device(s));
    }

    private static Endpoint<InterfaceSpec> vmInterfaces(NetBoxStore store) {
        Map<String, Function<InterfaceSpec, List<String>>> fields = Map.of(
                "name", i -> List.of(i.name()),
                "virtual_machine_id", i -> List.of(Integer.toString(i.parentId())),
                "virtual_machine", i -> name(store.virtualMachines.get(i.parentId()).map(VmSpec::name)),
                "enabled", i -> bool(i.enabled()));
        return new Endpoint<>(ComponentJson.VM_INTERFACE_PATH, "VMInterface", store.vmInterfaces,
                byParentAndName(), fields, i -> Map.of(), ComponentJson::vmInterface);
    }

    private static Endpoint<InterfaceSpec> deviceInterfaces(NetBoxStore store) {
        Map<String, Function<InterfaceSpec, List<String>>> fields = Map.of(
                "name", i -> List.of(i.name()),
                "device_id", i -> List.of(Integer.toString(i.parentId())),
                "device", i -> name(store.devices.get(i.parentId()).map(DeviceSpec::name)),
                "enabled", i -> bool(i.enabled()),
                "type", i -> List.of(i.type()));
        return new Endpoint<>(ComponentJson.INTERFACE_PATH, "Interface", store.deviceInterfaces,
                byParentAndName(), fields, i -> Map.of(), ComponentJson::deviceInterface);
    }

    private static Endpoint<IpSpec> ipAddresses(NetBoxStore store) {
        Map<String, Function<IpSpec, List<String>>> fields = Map.of(
                "address", ip -> List.of(ip.address()),
                "status", ip -> List.of(ip.status()),
                "dns_name", ip -> List.of(ip.dnsName()),
                "vminterface_id", ip -> assignedTo(ip, IpSpec.VM_INTERFACE),
                "interface_id", ip -> assignedTo(ip, IpSpec.DEVICE_INTERFACE),
                "virtual_machine_id", ip -> parentOf(store.vmInterfaces, assignedTo(ip, IpSpec.VM_INTERFACE)),
                "device_id", ip -> parentOf(store.deviceInterfaces, assignedTo(ip, IpSpec.DEVICE_INTERFACE)));
        return new Endpoint<>(ComponentJson.IP_PATH, "IPAddress", store.ipAddresses,
                Comparator.comparingInt(Stored::id), fields, ip -> Map.of(), ComponentJson::ip);
    }

    private static Endpoint<ConfigContextSpec> configContexts(NetBoxStore store) {
        Map<String, Function<ConfigContextSpec, List<String>>> fields = Map.of(
                "name", c -> List.of(c.name()),
                "is_active", c -> bool(c.active()));
        Comparator<Stored<ConfigContextSpec>> order = Comparator
                .comparingInt((Stored<ConfigContextSpec> s) -> s.spec().weight())
                .thenComparing(s -> s.spec().name());
        return new Endpoint<>(ComponentJson.CONFIG_CONTEXT_PATH, "ConfigContext", store.configContexts,
                order, fields, c -> Map.of(), ComponentJson::configContext);
    }

    private static <T> Comparator<Stored<T>> byName(Function<T, String> name) {
        return Comparator.comparing((Stored<T> s) -> name.apply(s.spec())).thenComparingInt(Stored::id);
    }

    private static Comparator<Stored<InterfaceSpec>> byParentAndName() {
        return Comparator.comparingInt((Stored<InterfaceSpec> s) -> s.spec().parentId())
                .thenComparing(s -> s.spec().name())
                .thenComparingInt(Stored::id);
    }

    private static List<String> id(BriefRef ref) {
        return ref == null ? List.of() : List.of(Integer.toString(ref.id()));
    }

    private static List<String> slugs(List<String> tags) {
        return tags.stream().map(Slugs::slugify).toList();
    }

    private static List<String> name(Optional<String> name) {
        return name.map(List::of).orElse(List.of());
    }

    /** Django's boolean filter accepts true/false in any case and 1/0. */
    private static List<String> bool(boolean value) {
        return value ? List.of("true", "True", "1") : List.of("false", "False", "0");
    }

    private static List<String> assignedTo(IpSpec ip, String type) {
        return type.equals(ip.assignedObjectType()) ? List.of(ip.assignedObjectId().toString()) : List.of();
    }

    private static List<String> parentOf(FakeObjects<InterfaceSpec> interfaces, List<String> interfaceIds) {
        return interfaceIds.stream()
                .flatMap(id -> interfaces.get(Integer.parseInt(id)).stream())
                .map(i -> Integer.toString(i.parentId()))
                .toList();
    }
}

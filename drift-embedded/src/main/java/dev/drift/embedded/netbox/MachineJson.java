package dev.drift.embedded.netbox;

import java.util.LinkedHashMap;
import java.util.Map;

/** Virtual machines and devices as NetBox 4.2 renders them in lists and detail views. */
final class MachineJson extends Render {
    static final String VM_PATH = "virtualization/virtual-machines/";
    static final String DEVICE_PATH = "dcim/devices/";

    MachineJson(String base, NetBoxStore store) {
        super(base, store);
    }

    /** A VirtualMachineWithConfigContext. */
    Map<String, Object> vm(Stored<VmSpec> stored) {
        VmSpec vm = stored.spec();
        Map<String, Object> json = head(VM_PATH, stored.id(), vm.name());
        json.put("name", vm.name());
        json.put("status", choice(vm.status()));
        json.put("site", brief(vm.site(), "dcim/sites/", true));
        json.put("cluster", brief(vm.cluster(), "virtualization/clusters/", false));
        json.put("device", null);
        json.put("serial", "");
        json.put("role", brief(vm.role(), "dcim/device-roles/", true));
        json.put("tenant", brief(vm.tenant(), "tenancy/tenants/", true));
        json.put("platform", brief(vm.platform(), "dcim/platforms/", true));
        json.put("primary_ip", null);
        json.put("primary_ip4", null);
        json.put("primary_ip6", null);
        json.put("vcpus", vm.vcpus());
        json.put("memory", vm.memoryMb());
        json.put("disk", vm.diskMb());
        json.put("description", "");
        json.put("comments", "");
        json.put("config_template", null);
        json.put("local_context_data", null);
        json.put("tags", tags(vm.tags()));
        json.put("custom_fields", vm.customFields());
        json.put("config_context", vm.configContext());
        times(json, stored);
        json.put("interface_count", store.interfaceCount(store.vmInterfaces, stored.id()));
        json.put("virtual_disk_count", 0);
        return json;
    }

    /** A DeviceWithConfigContext. */
    Map<String, Object> device(Stored<DeviceSpec> stored) {
        DeviceSpec device = stored.spec();
        Map<String, Object> json = head(DEVICE_PATH, stored.id(), device.name());
        json.put("name", device.name());
        json.put("device_type", deviceType(device));
        json.put("role", brief(device.role(), "dcim/device-roles/", true));
        json.put("tenant", brief(device.tenant(), "tenancy/tenants/", true));
        json.put("platform", brief(device.platform(), "dcim/platforms/", true));
        json.put("serial", "");
        json.put("asset_tag", null);
        json.put("site", brief(device.site(), "dcim/sites/", true));
        for (String absent : new String[] {"location", "rack", "position", "face", "latitude", "longitude",
                "parent_device"}) {
            json.put(absent, null);
        }
        json.put("status", choice(device.status()));
        for (String absent : new String[] {"airflow", "primary_ip", "primary_ip4", "primary_ip6", "oob_ip",
                "cluster", "virtual_chassis", "vc_position", "vc_priority"}) {
            json.put(absent, null);
        }
        json.put("description", "");
        json.put("comments", "");
        json.put("config_template", null);
        json.put("config_context", device.configContext());
        json.put("local_context_data", null);
        json.put("tags", tags(device.tags()));
        json.put("custom_fields", device.customFields());
        times(json, stored);
        for (String count : new String[] {"console_port_count", "console_server_port_count", "power_port_count",
                "power_outlet_count"}) {
            json.put(count, 0);
        }
        json.put("interface_count", store.interfaceCount(store.deviceInterfaces, stored.id()));
        for (String count : new String[] {"front_port_count", "rear_port_count", "device_bay_count",
                "module_bay_count", "inventory_item_count"}) {
            json.put(count, 0);
        }
        return json;
    }

    private Map<String, Object> deviceType(DeviceSpec device) {
        BriefRef type = device.deviceType();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", type.id());
        json.put("url", base + "api/dcim/device-types/" + type.id() + "/");
        json.put("display", type.name());
        json.put("manufacturer", brief(device.manufacturer(), "dcim/manufacturers/", true));
        json.put("model", type.name());
        json.put("slug", type.slug());
        json.put("description", "");
        return json;
    }

    /** A BriefVirtualMachine, or null when the VM is gone. */
    Map<String, Object> briefVm(int id) {
        return store.virtualMachines.find(id).map(vm -> briefMachine(VM_PATH, id, vm.spec().name())).orElse(null);
    }

    /** A BriefDevice, or null when the device is gone. */
    Map<String, Object> briefDevice(int id) {
        return store.devices.find(id).map(d -> briefMachine(DEVICE_PATH, id, d.spec().name())).orElse(null);
    }

    private Map<String, Object> briefMachine(String path, int id, String name) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("url", base + "api/" + path + id + "/");
        json.put("display", name);
        json.put("name", name);
        json.put("description", "");
        return json;
    }
}

package dev.drift.embedded.netbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Interfaces, IP addresses and config contexts as NetBox 4.2 renders them. */
final class ComponentJson extends Render {
    static final String VM_INTERFACE_PATH = "virtualization/interfaces/";
    static final String INTERFACE_PATH = "dcim/interfaces/";
    static final String IP_PATH = "ipam/ip-addresses/";
    static final String CONFIG_CONTEXT_PATH = "extras/config-contexts/";

    private static final Map<String, String> TYPE_LABELS = Map.of(
            "virtual", "Virtual", "bridge", "Bridge", "lag", "Link Aggregation Group (LAG)",
            "1000base-t", "1000BASE-T (1GE)", "10gbase-t", "10GBASE-T (10GE)",
            "10gbase-x-sfpp", "SFP+ (10GE)", "25gbase-x-sfp28", "SFP28 (25GE)");

    final MachineJson machines;

    ComponentJson(String base, NetBoxStore store) {
        super(base, store);
        this.machines = new MachineJson(base, store);
    }

    /** A VMInterface. */
    Map<String, Object> vmInterface(Stored<InterfaceSpec> stored) {
        InterfaceSpec spec = stored.spec();
        Map<String, Object> json = head(VM_INTERFACE_PATH, stored.id(), spec.name());
        json.put("virtual_machine", machines.briefVm(spec.parentId()));
        json.put("name", spec.name());
        json.put("enabled", spec.enabled());
        json.put("parent", null);
        json.put("bridge", null);
        json.put("mtu", spec.mtu());
        putMac(json, spec);
        json.put("description", "");
        putVlans(json, spec);
        json.put("vrf", null);
        json.put("l2vpn_termination", null);
        json.put("tags", List.of());
        json.put("custom_fields", Map.of());
        times(json, stored);
        json.put("count_ipaddresses", store.ipCountOn(IpSpec.VM_INTERFACE, stored.id()));
        json.put("count_fhrp_groups", 0);
        return json;
    }

    /**
     * An Interface of a device without cable, module or wireless settings. {@code connected_endpoints*}
     * are null as NetBox renders an interface without a cable path.
     */
    Map<String, Object> deviceInterface(Stored<InterfaceSpec> stored) {
        InterfaceSpec spec = stored.spec();
        Map<String, Object> json = head(INTERFACE_PATH, stored.id(), spec.name());
        json.put("device", machines.briefDevice(spec.parentId()));
        json.put("vdcs", List.of());
        json.put("module", null);
        json.put("name", spec.name());
        json.put("label", "");
        json.put("type", choice(spec.type(), TYPE_LABELS.getOrDefault(spec.type(), spec.type())));
        json.put("enabled", spec.enabled());
        json.put("parent", null);
        json.put("bridge", null);
        json.put("lag", null);
        json.put("mtu", spec.mtu());
        putMac(json, spec);
        json.put("speed", null);
        json.put("duplex", null);
        json.put("wwn", null);
        json.put("mgmt_only", false);
        json.put("description", "");
        putNulls(json, "rf_role", "rf_channel", "poe_mode", "poe_type", "rf_channel_frequency",
                "rf_channel_width", "tx_power");
        putVlans(json, spec);
        json.put("mark_connected", false);
        json.put("cable", null);
        json.put("cable_end", "");
        json.put("wireless_link", null);
        json.put("link_peers", List.of());
        json.put("link_peers_type", null);
        json.put("wireless_lans", List.of());
        putNulls(json, "vrf", "l2vpn_termination", "connected_endpoints", "connected_endpoints_type",
                "connected_endpoints_reachable");
        json.put("tags", List.of());
        json.put("custom_fields", Map.of());
        times(json, stored);
        json.put("count_ipaddresses", store.ipCountOn(IpSpec.DEVICE_INTERFACE, stored.id()));
        json.put("count_fhrp_groups", 0);
        json.put("_occupied", false);
        return json;
    }

    /** An IPAddress with its assigned interface nested in brief form. */
    Map<String, Object> ip(Stored<IpSpec> stored) {
        IpSpec spec = stored.spec();
        Map<String, Object> json = head(IP_PATH, stored.id(), spec.address());
        json.put("family", choice(spec.family(), "IPv" + spec.family()));
        json.put("address", spec.address());
        json.put("vrf", null);
        json.put("tenant", null);
        json.put("status", choice(spec.status(), ipStatusLabel(spec.status())));
        json.put("role", null);
        json.put("assigned_object_type", spec.assignedObjectType());
        json.put("assigned_object_id", spec.assignedObjectId());
        json.put("assigned_object", assignedObject(spec));
        json.put("nat_inside", null);
        json.put("nat_outside", List.of());
        json.put("dns_name", spec.dnsName());
        json.put("description", "");
        json.put("comments", "");
        json.put("tags", List.of());
        json.put("custom_fields", Map.of());
        times(json, stored);
        return json;
    }

    /**
     * A ConfigContext. One edited in NetBox has null {@code data_source} and {@code data_file}, as NetBox
     * renders it, although the schema declares both non-nullable.
     */
    Map<String, Object> configContext(Stored<ConfigContextSpec> stored) {
        ConfigContextSpec spec = stored.spec();
        Map<String, Object> json = head(CONFIG_CONTEXT_PATH, stored.id(), spec.name());
        json.put("name", spec.name());
        json.put("weight", spec.weight());
        json.put("description", spec.description());
        json.put("is_active", spec.active());
        for (String scope : new String[] {"regions", "site_groups", "sites", "locations", "device_types", "roles",
                "platforms", "cluster_types", "cluster_groups", "clusters", "tenant_groups", "tenants", "tags"}) {
            json.put(scope, List.of());
        }
        boolean synced = spec.dataFile() != null;
        json.put("data_source", synced ? brief(new BriefRef(1, "drift-fixtures", "drift-fixtures"),
                "core/data-sources/", false) : null);
        json.put("data_path", synced ? spec.dataFile() : "");
        json.put("data_file", synced ? dataFile(stored.id(), spec.dataFile()) : null);
        json.put("data_synced", synced ? time(stored.lastUpdated()) : null);
        json.put("data", spec.data());
        times(json, stored);
        return json;
    }

    private Map<String, Object> dataFile(int id, String path) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("url", base + "api/core/data-files/" + id + "/");
        json.put("display", path);
        json.put("path", path);
        return json;
    }

    private Map<String, Object> assignedObject(IpSpec spec) {
        if (spec.assignedObjectId() == null) {
            return null;
        }
        int id = spec.assignedObjectId();
        if (IpSpec.VM_INTERFACE.equals(spec.assignedObjectType())) {
            return store.vmInterfaces.find(id).map(i -> briefInterface(VM_INTERFACE_PATH, "virtual_machine",
                    machines.briefVm(i.spec().parentId()), i)).orElse(null);
        }
        return store.deviceInterfaces.find(id).map(i -> {
            Map<String, Object> json = briefInterface(INTERFACE_PATH, "device", machines.briefDevice(i.spec().parentId()), i);
            json.put("cable", null);
            json.put("_occupied", false);
            return json;
        }).orElse(null);
    }

    private Map<String, Object> briefInterface(String path, String parentKey, Map<String, Object> parent,
                                               Stored<InterfaceSpec> stored) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", stored.id());
        json.put("url", base + "api/" + path + stored.id() + "/");
        json.put("display", stored.spec().name());
        json.put(parentKey, parent);
        json.put("name", stored.spec().name());
        json.put("description", "");
        return json;
    }

    private void putMac(Map<String, Object> json, InterfaceSpec spec) {
        String mac = spec.macAddress();
        json.put("mac_address", mac);
        Map<String, Object> brief = null;
        if (mac != null) {
            int id = store.macId(mac);
            brief = new LinkedHashMap<>();
            brief.put("id", id);
            brief.put("url", base + "api/dcim/mac-addresses/" + id + "/");
            brief.put("display", mac);
            brief.put("mac_address", mac);
            brief.put("description", "");
        }
        json.put("primary_mac_address", brief);
        json.put("mac_addresses", brief == null ? List.of() : List.of(brief));
    }

    private void putVlans(Map<String, Object> json, InterfaceSpec spec) {
        Vlan vlan = spec.untaggedVlan();
        json.put("mode", vlan == null ? null : choice("access"));
        Map<String, Object> brief = null;
        if (vlan != null) {
            brief = new LinkedHashMap<>();
            brief.put("id", vlan.id());
            brief.put("url", base + "api/ipam/vlans/" + vlan.id() + "/");
            brief.put("display", vlan.name() + " (" + vlan.vid() + ")");
            brief.put("vid", vlan.vid());
            brief.put("name", vlan.name());
            brief.put("description", "");
        }
        json.put("untagged_vlan", brief);
        json.put("tagged_vlans", List.of());
        json.put("qinq_svlan", null);
        json.put("vlan_translation_policy", null);
    }

    private static void putNulls(Map<String, Object> json, String... keys) {
        for (String key : keys) {
            json.put(key, null);
        }
    }

    private static String ipStatusLabel(String status) {
        return switch (status) {
            case "dhcp" -> "DHCP";
            case "slaac" -> "SLAAC";
            default -> Slugs.label(status);
        };
    }
}

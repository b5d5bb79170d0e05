package dev.drift.service.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drift.service.ingest.EventMapper.MappingBuilder;
import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps the per-interface facts ({@code ansible_<if>}) of every name in {@code ansible_interfaces}.
 * Facts do not cover {@code interface[}: they say nothing about an interface's network, so a
 * complete-report claim would wrongly make {@code interface[eth0].network} absent.
 */
final class InterfaceFactsMapper {

    private InterfaceFactsMapper() {
    }

    static void map(JsonNode facts, MappingBuilder mapping) {
        JsonNode names = FactsEventMapper.fact(facts, "interfaces");
        if (names == null || !names.isArray()) {
            return;
        }
        for (JsonNode name : names) {
            JsonNode nic = interfaceFact(facts, name.asText());
            if (nic != null && nic.isObject()) {
                mapInterface(nic.path("device").asText(name.asText()), nic, mapping);
            }
        }
    }

    /** Ansible names the fact after the device with dashes turned into underscores. */
    private static JsonNode interfaceFact(JsonNode facts, String name) {
        JsonNode exact = FactsEventMapper.fact(facts, name);
        return exact != null ? exact : FactsEventMapper.fact(facts, name.replace('-', '_'));
    }

    private static void mapInterface(String device, JsonNode nic, MappingBuilder mapping) {
        if (!EventMapper.isPathKey(device)) {
            return;
        }
        FieldPath path = FieldPath.keyed("interface", device);
        mapping.text(path.child("mac"), nic.get("macaddress"))
                .number(path.child("mtu"), nic.get("mtu"));
        if (nic.has("active")) {
            mapping.value(path.child("state"), FieldValue.text(nic.get("active").asBoolean() ? "up" : "down"));
        }
        List<String> addresses = addresses(nic);
        if (nic.has("ipv4") || nic.has("ipv6")) {
            mapping.value(path.child("ip_addresses"), new FieldValue.Items(addresses));
        }
    }

    /**
     * Addresses in CIDR form, as an IPAM records them: the primary and secondary IPv4 addresses
     * and global IPv6 ones. Link-local IPv6 addresses are left out because every interface derives
     * one by itself and no desired state lists them.
     */
    private static List<String> addresses(JsonNode nic) {
        List<String> addresses = new ArrayList<>();
        addIpv4(nic.get("ipv4"), addresses);
        nic.path("ipv4_secondaries").forEach(secondary -> addIpv4(secondary, addresses));
        for (JsonNode ipv6 : nic.path("ipv6")) {
            if (!"link".equals(ipv6.path("scope").asText()) && ipv6.hasNonNull("address")) {
                addresses.add(cidr(ipv6.get("address").asText(), ipv6.path("prefix").asText("")));
            }
        }
        return addresses;
    }

    private static void addIpv4(JsonNode ipv4, List<String> addresses) {
        if (ipv4 != null && ipv4.hasNonNull("address")) {
            String prefix = ipv4.hasNonNull("prefix")
                    ? ipv4.get("prefix").asText()
                    : prefixOf(ipv4.path("netmask").asText(""));
            addresses.add(cidr(ipv4.get("address").asText(), prefix));
        }
    }

    private static String cidr(String address, String prefix) {
        return prefix.isEmpty() ? address : address + "/" + prefix;
    }

    /** Prefix length of a dotted netmask, for facts gathered by Ansible versions without {@code prefix}. */
    private static String prefixOf(String netmask) {
        String[] octets = netmask.split("\\.");
        if (octets.length != 4) {
            return "";
        }
        int bits = 0;
        for (String octet : octets) {
            if (!octet.matches("\\d{1,3}")) {
                return "";
            }
            bits += Integer.bitCount(Integer.parseInt(octet) & 0xff);
        }
        return Integer.toString(bits);
    }
}

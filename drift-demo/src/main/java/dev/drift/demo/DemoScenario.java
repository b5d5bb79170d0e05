package dev.drift.demo;

import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;
import java.util.Map;

/**
 * The events the demo writes, as a hypervisor and Ansible would; file changes come from the real
 * agent watching the demo node ({@link DemoNode}).
 */
final class DemoScenario {

    /** One event: its stream, its entry fields and what it is meant to show. */
    record Step(String stream, Map<String, String> fields, String story) {
    }

    private DemoScenario() {
    }

    static List<Step> drifting() {
        return List.of(
                new Step("vm.power_changed", payload("""
                        {"ci_id":"web-01","power_state":"poweredOff","previous_state":"poweredOn","source":"vcenter"}"""),
                        "web-01 powered off by the hypervisor"),
                new Step("ansible.facts_collected", payload("""
                        {"ci_id":"db-01","facts":{"ansible_processor_vcpus":4,"ansible_memtotal_mb":8192,
                         "packages":{"postgresql-15":[{"name":"postgresql-15","version":"15.6-0+deb12u1",
                           "arch":"amd64","source":"apt"}]},
                         "services":{"postgresql.service":{"name":"postgresql.service","state":"running",
                           "status":"enabled","source":"systemd"}}}}"""),
                        "db-01 reports 8 GiB instead of 16 and an old PostgreSQL"),
                new Step("network.changed", payload("""
                        {"ci_id":"edge-sw-01","interfaces":[{"name":"eth0","network":"vlan-20-staging",
                         "mac":"52:54:00:12:34:56","mtu":9000,"state":"up"}]}"""),
                        "edge-sw-01 eth0 moved to the staging VLAN"),
                new Step("vm.power_changed", payload("""
                        {"ci_id":"rogue-42","power_state":"on"}"""),
                        "a VM the inventory does not know appeared"),
                new Step("vm.power_changed", payload("""
                        {"ci_id":"lab-99","power_state":"off"}"""),
                        "lab-99 powered off (detection disabled: ignored)"),
                new Step("vm.power_changed", Map.of("payload", "{\"ci_id\": \"web-01\", power_state: off", "ci_id", "web-01"),
                        "a malformed event (goes to drift.dlq)"));
    }

    static List<Step> fixing() {
        return List.of(new Step("vm.power_changed", payload("""
                {"ci_id":"web-01","power_state":"running","source":"vcenter"}"""), "web-01 powered back on"));
    }

    static void write(RedisCommands<String, String> redis, List<Step> steps, java.io.PrintStream out) {
        for (Step step : steps) {
            String id = redis.xadd(step.stream(), step.fields());
            out.printf("  XADD %-24s %-16s %s%n", step.stream(), id, step.story());
        }
    }

    private static Map<String, String> payload(String json) {
        return Map.of("payload", json.replace("\n", ""));
    }
}

package dev.drift.service.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drift.service.model.FieldPath;

/**
 * Maps {@code ansible.facts_collected}: the {@code ansible_facts} of {@code ansible -m setup}
 * merged with the output of {@code package_facts} and {@code service_facts}.
 *
 * <p>Fact names are looked up with and without the {@code ansible_} prefix: the setup module
 * returns {@code ansible_memtotal_mb}, while a playbook that publishes its {@code ansible_facts}
 * variable sends {@code memtotal_mb}.
 */
final class FactsEventMapper implements EventMapper {

    @Override
    public Mapping map(JsonNode payload) {
        JsonNode facts = payload.hasNonNull("facts") ? payload.get("facts") : payload.path("ansible_facts");
        MappingBuilder mapping = new MappingBuilder();
        mapHost(facts, mapping);
        InterfaceFactsMapper.map(facts, mapping);
        PackageFactsMapper.map(facts.get("packages"), mapping);
        ServiceFactsMapper.map(facts.get("services"), mapping);
        return mapping.build();
    }

    private static void mapHost(JsonNode facts, MappingBuilder mapping) {
        mapping.text(FieldPath.of("hostname"), fact(facts, "hostname"))
                .number(FieldPath.of("vcpus"), fact(facts, "processor_vcpus"))
                .number(FieldPath.of("memory_mb"), fact(facts, "memtotal_mb"))
                .text(FieldPath.keyed("firmware", "bios").child("version"), fact(facts, "bios_version"))
                .text(FieldPath.of("os").child("distribution"), fact(facts, "distribution"))
                .text(FieldPath.of("os").child("version"), fact(facts, "distribution_version"))
                .text(FieldPath.of("kernel").child("version"), fact(facts, "kernel"));
    }

    /** A fact by its name without prefix; null when absent under both spellings. */
    static JsonNode fact(JsonNode facts, String name) {
        JsonNode prefixed = facts.get("ansible_" + name);
        return prefixed != null ? prefixed : facts.get(name);
    }
}

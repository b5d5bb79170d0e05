package dev.drift.service.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drift.service.ingest.EventMapper.MappingBuilder;
import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldValue;
import java.util.Map;

/**
 * Maps {@code service_facts} output ({@code services: {"ssh.service": {name, state, status,
 * source}}}). It lists every service unit, so it covers {@code service[}.
 */
final class ServiceFactsMapper {
    static final String SERVICES = "service[";
    private static final String UNIT_SUFFIX = ".service";

    private ServiceFactsMapper() {
    }

    static void map(JsonNode services, MappingBuilder mapping) {
        if (services == null || !services.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> service : services.properties()) {
            String name = unitName(service.getKey());
            if (EventMapper.isPathKey(name)) {
                mapService(FieldPath.keyed("service", name), service.getValue(), mapping);
            }
        }
        mapping.covers(SERVICES);
    }

    /** Desired state names services as operators do ({@code ssh}), not as systemd units. */
    private static String unitName(String key) {
        return key.endsWith(UNIT_SUFFIX) ? key.substring(0, key.length() - UNIT_SUFFIX.length()) : key;
    }

    /**
     * Only {@code enabled} and {@code disabled} say whether the unit starts at boot; {@code static},
     * {@code masked}, {@code indirect} and the like are not an answer to that question.
     */
    private static void mapService(FieldPath path, JsonNode service, MappingBuilder mapping) {
        mapping.text(path.child("state"), service.get("state"));
        switch (service.path("status").asText()) {
            case "enabled" -> mapping.value(path.child("enabled"), FieldValue.text("true"));
            case "disabled" -> mapping.value(path.child("enabled"), FieldValue.text("false"));
            default -> {
                // no observation: the status does not answer "starts at boot?"
            }
        }
    }
}

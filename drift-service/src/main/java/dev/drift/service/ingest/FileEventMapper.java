package dev.drift.service.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldValue;
import java.util.Map;

/**
 * Maps {@code drift.file_changed}, both the minimal form a shell agent writes from inotify
 * ({@code {"path", "event"}}) and the rich form of the drift agent (hash, attributes, parsed
 * settings). The schema guarantees an absolute path without brackets.
 */
final class FileEventMapper implements EventMapper {

    @Override
    public Mapping map(JsonNode payload) {
        String path = payload.get("path").asText();
        FieldPath file = FieldPath.keyed("file", path);
        MappingBuilder mapping = new MappingBuilder();
        if ("deleted".equals(payload.path("change").asText())) {
            return deleted(file, mapping);
        }
        mapHash(file, payload, mapping);
        mapping.text(file.child("mode"), payload.get("mode"))
                .text(file.child("owner"), payload.get("owner"))
                .text(file.child("group"), payload.get("group"));
        mapSettings(file, payload.get("settings"), mapping);
        return mapping.build();
    }

    private static Mapping deleted(FieldPath file, MappingBuilder mapping) {
        for (String attribute : new String[] {"sha256", "mode", "owner", "group"}) {
            mapping.value(file.child(attribute), FieldValue.absent());
        }
        return mapping.covers(settingsPrefix(file)).build();
    }

    /**
     * A change without a hash still makes the last known content stale. A bare inotify DELETE is
     * treated the same way rather than as absence, because editors and package managers replace
     * files by deleting and renaming.
     */
    private static void mapHash(FieldPath file, JsonNode payload, MappingBuilder mapping) {
        FieldPath sha256 = file.child("sha256");
        if (EventMapper.isScalar(payload.get("sha256"))) {
            mapping.text(sha256, payload.get("sha256"));
        } else {
            mapping.unknown(sha256, "file reported " + reportedChange(payload) + " without a content hash");
        }
    }

    private static String reportedChange(JsonNode payload) {
        if (EventMapper.isScalar(payload.get("event"))) {
            return payload.get("event").asText();
        }
        return payload.path("change").asText("a change");
    }

    /** A parsed settings object lists every setting of the file, so it covers their prefix. */
    private static void mapSettings(FieldPath file, JsonNode settings, MappingBuilder mapping) {
        if (settings == null || !settings.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> setting : settings.properties()) {
            FieldPath path = file.child("setting", setting.getKey());
            if (setting.getValue().isArray()) {
                mapping.items(path, setting.getValue());
            } else {
                mapping.text(path, setting.getValue());
            }
        }
        mapping.covers(settingsPrefix(file));
    }

    static String settingsPrefix(FieldPath file) {
        return file + ".setting[";
    }
}

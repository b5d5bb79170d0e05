package dev.drift.service.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drift.service.model.Category;
import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldValue;
import java.util.Map;

/**
 * Maps {@code drift.file_changed}, both the minimal form a shell agent writes from inotify
 * ({@code {"path", "event"}}) and the rich form of the drift agent (hash, attributes, parsed
 * settings). The schema guarantees an absolute path without brackets.
 */
final class FileEventMapper implements EventMapper {
    /** The member of a file that holds the latest diff of its content. */
    static final String DIFF = "diff";
    private static final int MAX_DIFF_CHARS = 64 * 1024;

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
        mapDiff(file, payload, mapping);
        return mapping.build();
    }

    /**
     * The unified diff the agent computed against its previous copy is kept as the file's latest
     * {@code diff} (shown with the file's drift; no desired value, so never drift itself). Files the
     * agent marks sensitive, and secret files, never have one: their content does not leave the node.
     */
    private static void mapDiff(FieldPath file, JsonNode payload, MappingBuilder mapping) {
        JsonNode diff = payload.get("diff");
        if (diff == null || !diff.isTextual() || payload.path("sensitive").asBoolean(false)
                || file.child("sha256").category() == Category.SECURITY) {
            return;
        }
        String text = diff.asText();
        mapping.value(file.child(DIFF), new FieldValue.Text(text.length() <= MAX_DIFF_CHARS ? text
                : text.substring(0, MAX_DIFF_CHARS) + "\n... (diff cut at " + MAX_DIFF_CHARS + " characters)"));
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

package dev.drift.service.desired.file;

import dev.drift.service.desired.DesiredLookup;
import dev.drift.service.model.CiKey;
import dev.drift.service.model.DesiredField;
import dev.drift.service.model.DesiredState;
import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldPattern;
import dev.drift.service.model.FieldValue;
import dev.drift.service.model.Provenance;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one CI file:
 * <pre>
 * ci: web-01               # optional; must equal the file name without .yaml when given
 * type: vm                 # CI type, default "vm"
 * detection_enabled: true  # false: the CI is skipped entirely
 * fields:                  # field path: desired value (text, number, list, or null for absent)
 *   power_state: on
 *   memory_mb: 8 GiB
 *   file[/etc/ssh/sshd_config].setting[PermitRootLogin]: no
 * ignore:                  # field patterns not to compare for this CI
 *   - file[/etc/hosts].*
 * </pre>
 * Throws {@link IllegalArgumentException} naming the file and the problem when it is malformed.
 */
final class CiFileParser {
    private static final Set<String> KEYS = Set.of("ci", "type", "detection_enabled", "fields", "ignore", "tags", "packs");

    private CiFileParser() {
    }

    static DesiredLookup parse(CiKey ci, String fileName, Object document) {
        if (!(document instanceof Map<?, ?> root)) {
            throw new IllegalArgumentException(fileName + ": expected a mapping at the top level");
        }
        for (Object key : root.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                throw new IllegalArgumentException(fileName + ": unknown key '" + key + "', expected one of " + KEYS);
            }
        }
        Object declared = root.get("ci");
        if (declared != null && !ci.value().equals(String.valueOf(declared))) {
            throw new IllegalArgumentException(fileName + ": ci '" + declared + "' does not match the file name");
        }
        if (Boolean.FALSE.equals(root.get("detection_enabled"))) {
            return new DesiredLookup.Disabled(ci, "detection_enabled: false in " + fileName);
        }
        String type = root.get("type") == null ? "vm" : String.valueOf(root.get("type"));
        return new DesiredLookup.Managed(new DesiredState(ci, type, fields(fileName, root.get("fields")),
                ignore(fileName, root.get("ignore")), Set.copyOf(names(fileName, "tags", root.get("tags"))),
                names(fileName, "packs", root.get("packs"))));
    }

    /** A list of names (tags, pack names): non-blank strings without whitespace. */
    private static List<String> names(String fileName, String key, Object node) {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof List<?> list)) {
            throw new IllegalArgumentException(fileName + ": '" + key + "' must be a list of names");
        }
        List<String> names = new ArrayList<>();
        for (Object item : list) {
            String name = String.valueOf(item).strip();
            if (!(item instanceof String) || name.isEmpty() || name.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException(fileName + ": '" + key + "' entries must be names without spaces: '"
                        + item + "'");
            }
            names.add(name);
        }
        return names;
    }

    private static Map<FieldPath, DesiredField> fields(String fileName, Object node) {
        if (node == null) {
            return Map.of();
        }
        if (!(node instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(fileName + ": 'fields' must be a mapping of field path to value");
        }
        Map<FieldPath, DesiredField> fields = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            FieldPath path;
            try {
                path = FieldPath.parse(key);
            } catch (IllegalArgumentException bad) {
                throw new IllegalArgumentException(fileName + ": " + bad.getMessage(), bad);
            }
            Provenance provenance = new Provenance("file", "ci-file", fileName, "fields." + key);
            fields.put(path, new DesiredField(value(fileName, key, e.getValue()), provenance));
        }
        return fields;
    }

    private static FieldValue value(String fileName, String key, Object raw) {
        return switch (raw) {
            case null -> FieldValue.absent();
            case String s -> new FieldValue.Text(s);
            case Boolean b -> new FieldValue.Text(b.toString());
            case Number n -> new FieldValue.Number(new BigDecimal(n.toString()));
            case List<?> list -> new FieldValue.Items(list.stream().map(String::valueOf).toList());
            default -> throw new IllegalArgumentException(fileName + ": value of '" + key
                    + "' must be text, a number, a list or null");
        };
    }

    private static List<FieldPattern> ignore(String fileName, Object node) {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof List<?> list)) {
            throw new IllegalArgumentException(fileName + ": 'ignore' must be a list of field patterns");
        }
        List<FieldPattern> patterns = new ArrayList<>();
        for (Object o : list) {
            patterns.add(FieldPattern.of(String.valueOf(o)));
        }
        return patterns;
    }
}

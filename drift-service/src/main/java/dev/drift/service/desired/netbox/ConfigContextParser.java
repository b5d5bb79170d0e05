package dev.drift.service.desired.netbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drift.service.desired.netbox.NetBoxData.Machine;
import dev.drift.service.model.DesiredField;
import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldPattern;
import dev.drift.service.model.FieldValue;
import dev.drift.service.model.Provenance;
import dev.drift.service.system.DriftException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code drift} key of a machine's rendered config context:
 * <pre>
 * {"drift": {
 *   "files":    {"/etc/ssh/sshd_config": {"sha256": "..", "mode": "0600", "owner": "root", "group": "root",
 *                                         "settings": {"PermitRootLogin": "no"}}},
 *   "packages": {"openssl": "3.0.15-1", "telnetd": "absent"},
 *   "services": {"ssh": {"state": "running", "enabled": true}},
 *   "sysctl":   {"net.ipv4.ip_forward": "0"},
 *   "firmware": {"bios": "2.14.1"},
 *   "ignore":   ["file[/etc/hosts].*"]}}
 * </pre>
 * into {@code file[<path>].sha256|mode|owner|group}, {@code file[<path>].setting[<k>]},
 * {@code package[<n>].version} ({@code "absent"} or null: known absent), {@code service[<n>].state},
 * {@code service[<n>].enabled} (text {@code true}/{@code false}), {@code sysctl[<k>]},
 * {@code firmware[<k>].version} and ignore patterns. Scalars become text; a null setting is absent.
 * Anything else (a wrong type, an unknown key, a key with brackets) is a
 * {@link DriftException.Terminal} naming the object and the key.
 */
final class ConfigContextParser {
    static final String ROOT = "config_context.drift";
    private static final Set<String> SECTIONS = Set.of("files", "packages", "services", "sysctl", "firmware", "ignore");
    private static final Set<String> FILE_ATTRIBUTES = Set.of("sha256", "mode", "owner", "group");
    private static final Set<String> SERVICE_ATTRIBUTES = Set.of("state", "enabled");

    private final Machine machine;
    private final Map<FieldPath, DesiredField> fields;
    private final List<FieldPattern> ignore = new ArrayList<>();

    private ConfigContextParser(Machine machine, Map<FieldPath, DesiredField> fields) {
        this.machine = machine;
        this.fields = fields;
    }

    /** Adds the context's fields to {@code fields} and returns its ignore patterns. */
    static List<FieldPattern> parse(Machine machine, Map<FieldPath, DesiredField> fields) {
        JsonNode drift = machine.configContext().path("drift");
        if (drift.isMissingNode() || drift.isNull()) {
            return List.of();
        }
        ConfigContextParser parser = new ConfigContextParser(machine, fields);
        parser.object(drift, ROOT).properties().forEach(e -> parser.section(e.getKey(), e.getValue()));
        return List.copyOf(parser.ignore);
    }

    private void section(String name, JsonNode node) {
        String at = ROOT + "." + name;
        if (node.isNull()) {
            return;
        }
        switch (name) {
            case "files" -> object(node, at).properties().forEach(e -> file(e.getKey(), e.getValue(), at));
            case "packages" -> object(node, at).properties().forEach(e -> put(
                    FieldPath.keyed("package", key(e.getKey(), at)).child("version"),
                    packageVersion(e.getValue(), at + "." + e.getKey()), at + "." + e.getKey()));
            case "services" -> object(node, at).properties().forEach(e -> service(e.getKey(), e.getValue(), at));
            case "sysctl" -> object(node, at).properties().forEach(e -> put(
                    FieldPath.keyed("sysctl", key(e.getKey(), at)), scalar(e.getValue(), at + "." + e.getKey()),
                    at + "." + e.getKey()));
            case "firmware" -> object(node, at).properties().forEach(e -> put(
                    FieldPath.keyed("firmware", key(e.getKey(), at)).child("version"),
                    scalar(e.getValue(), at + "." + e.getKey()), at + "." + e.getKey()));
            case "ignore" -> ignore(node, at);
            default -> throw malformed(at, "is not a known section, expected one of " + SECTIONS);
        }
    }

    private void file(String path, JsonNode node, String parent) {
        String at = parent + "." + path;
        FieldPath file = FieldPath.keyed("file", key(path, parent));
        object(node, at).properties().forEach(e -> {
            String attribute = e.getKey();
            String where = at + "." + attribute;
            if (attribute.equals("settings")) {
                object(e.getValue(), where).properties().forEach(s -> put(
                        file.child("setting", key(s.getKey(), where)), scalar(s.getValue(), where + "." + s.getKey()),
                        where + "." + s.getKey()));
            } else if (FILE_ATTRIBUTES.contains(attribute)) {
                put(file.child(attribute), scalar(e.getValue(), where), where);
            } else {
                throw malformed(where, "is not a file attribute, expected one of " + FILE_ATTRIBUTES + " or settings");
            }
        });
    }

    private void service(String name, JsonNode node, String parent) {
        String at = parent + "." + name;
        FieldPath service = FieldPath.keyed("service", key(name, parent));
        object(node, at).properties().forEach(e -> {
            String where = at + "." + e.getKey();
            if (!SERVICE_ATTRIBUTES.contains(e.getKey())) {
                throw malformed(where, "is not a service attribute, expected one of " + SERVICE_ATTRIBUTES);
            }
            if (e.getKey().equals("enabled") && !e.getValue().isBoolean()) {
                throw malformed(where, "must be true or false");
            }
            put(service.child(e.getKey()), scalar(e.getValue(), where), where);
        });
    }

    private void ignore(JsonNode node, String at) {
        if (!node.isArray()) {
            throw malformed(at, "must be a list of field patterns");
        }
        for (JsonNode item : node) {
            if (!item.isTextual() || item.asText().isBlank()) {
                throw malformed(at, "must hold non-blank field patterns, found " + item);
            }
            ignore.add(FieldPattern.of(item.asText()));
        }
    }

    private FieldValue packageVersion(JsonNode node, String at) {
        FieldValue value = scalar(node, at);
        return value instanceof FieldValue.Text text && text.value().equals("absent") ? FieldValue.absent() : value;
    }

    private FieldValue scalar(JsonNode node, String at) {
        if (node.isNull()) {
            return FieldValue.absent();
        }
        if (node.isTextual() || node.isNumber() || node.isBoolean()) {
            return new FieldValue.Text(node.asText());
        }
        throw malformed(at, "must be text, a number or a boolean, not " + node.getNodeType().name().toLowerCase(Locale.ROOT));
    }

    private JsonNode object(JsonNode node, String at) {
        if (!node.isObject()) {
            throw malformed(at, "must be an object, not " + node.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return node;
    }

    private String key(String key, String at) {
        if (key.isBlank() || key.indexOf('[') >= 0 || key.indexOf(']') >= 0) {
            throw malformed(at + "." + key, "is not usable as a field key (blank or with brackets)");
        }
        return key;
    }

    private void put(FieldPath path, FieldValue value, String attribute) {
        fields.put(path, new DesiredField(value, new Provenance(NetBoxMapper.SOURCE, machine.kind().objectType,
                String.valueOf(machine.id()), attribute)));
    }

    private DriftException.Terminal malformed(String at, String problem) {
        return new DriftException.Terminal("malformed drift config context of NetBox " + machine.describe() + ": "
                + at + " " + problem);
    }
}

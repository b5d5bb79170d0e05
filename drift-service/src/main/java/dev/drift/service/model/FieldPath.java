package dev.drift.service.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A typed address of one monitored field of a CI, such as {@code power_state},
 * {@code interface[eth0].network}, {@code file[/etc/ssh/sshd_config].setting[PermitRootLogin]} or
 * {@code package[openssh-server].version}.
 *
 * <p>A path is a dot-separated list of segments; each segment has a name ({@code [a-z][a-z0-9_]*})
 * and an optional key in brackets. Keys may contain dots and slashes but no brackets.
 * {@link #toString()} gives the canonical text, which {@link #parse(String)} reads back.
 */
public record FieldPath(List<Segment> segments) {
    private static final Pattern SEGMENT = Pattern.compile("([a-z][a-z0-9_]*)(?:\\[([^\\[\\]]+)])?");
    private static final Set<String> SENSITIVE_FILES = Set.of("/etc/shadow", "/etc/gshadow", "/etc/sudoers");
    public static final int MAX_LENGTH = 1024;

    /** One segment: a name and an optional key (null when the segment has no brackets). */
    public record Segment(String name, String key) {
        public Segment {
            Objects.requireNonNull(name, "segment name");
        }

        @Override
        public String toString() {
            return key == null ? name : name + "[" + key + "]";
        }
    }

    public FieldPath {
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("field path has no segments");
        }
    }

    /** Parses canonical text; throws {@link IllegalArgumentException} with the reason when malformed. */
    public static FieldPath parse(String text) {
        Objects.requireNonNull(text, "field path");
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("field path must be 1-" + MAX_LENGTH + " characters");
        }
        List<Segment> segments = new ArrayList<>();
        Matcher m = SEGMENT.matcher(text);
        int pos = 0;
        while (true) {
            m.region(pos, text.length());
            if (!m.lookingAt()) {
                throw new IllegalArgumentException("malformed field path '" + text + "' at position " + pos);
            }
            segments.add(new Segment(m.group(1), m.group(2)));
            pos = m.end();
            if (pos == text.length()) {
                return new FieldPath(segments);
            }
            if (text.charAt(pos) != '.') {
                throw new IllegalArgumentException("malformed field path '" + text + "' at position " + pos);
            }
            pos++;
        }
    }

    public static FieldPath of(String name) {
        return new FieldPath(List.of(new Segment(name, null)));
    }

    public static FieldPath keyed(String name, String key) {
        return new FieldPath(List.of(new Segment(name, key)));
    }

    /** A new path with one more segment. */
    public FieldPath child(String name, String key) {
        List<Segment> more = new ArrayList<>(segments);
        more.add(new Segment(name, key));
        return new FieldPath(more);
    }

    public FieldPath child(String name) {
        return child(name, null);
    }

    public Segment root() {
        return segments.get(0);
    }

    public Segment leaf() {
        return segments.get(segments.size() - 1);
    }

    /** The drift category of this field: what an operator would file it under. */
    public Category category() {
        Segment root = root();
        return switch (root.name()) {
            case "file" -> SENSITIVE_FILES.contains(root.key()) || leaf().name().equals("mode")
                    || leaf().name().equals("owner") ? Category.SECURITY : Category.CONFIGURATION;
            case "package" -> Category.PACKAGE;
            case "interface", "ip_address", "network", "dns", "route" -> Category.NETWORK;
            case "firmware", "bios" -> Category.FIRMWARE;
            case "user", "group", "sudo", "ssh_key", "security" -> Category.SECURITY;
            case "sysctl", "service", "setting", "config" -> Category.CONFIGURATION;
            case "compliance" -> Category.CONFIG_DRIFT;
            case "agent" -> Category.AGENT_SILENT;
            default -> Category.STATE;
        };
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Segment s : segments) {
            if (!sb.isEmpty()) {
                sb.append('.');
            }
            sb.append(s);
        }
        return sb.toString();
    }
}

package dev.drift.service.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A glob over canonical field paths: {@code *} matches any run of characters (dots and brackets
 * included), everything else matches itself. Examples: {@code file[/etc/hosts].*},
 * {@code package[*].version}, {@code interface[docker*].*}.
 */
public final class FieldPattern {
    private final String glob;
    private final Pattern regex;

    private FieldPattern(String glob) {
        this.glob = glob;
        this.regex = toRegex(glob);
    }

    /** Throws {@link IllegalArgumentException} for a blank glob. */
    public static FieldPattern of(String glob) {
        Objects.requireNonNull(glob, "glob");
        if (glob.isBlank()) {
            throw new IllegalArgumentException("field pattern must not be blank");
        }
        return new FieldPattern(glob.strip());
    }

    public String glob() {
        return glob;
    }

    public boolean matches(FieldPath path) {
        return regex.matcher(path.toString()).matches();
    }

    /** The regular expression of a glob in which only {@code *} is special. */
    static Pattern toRegex(String glob) {
        StringBuilder sb = new StringBuilder();
        String[] parts = glob.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                sb.append(".*");
            }
            if (!parts[i].isEmpty()) {
                sb.append(Pattern.quote(parts[i]));
            }
        }
        return Pattern.compile(sb.toString(), Pattern.DOTALL);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldPattern other && other.glob.equals(glob);
    }

    @Override
    public int hashCode() {
        return glob.hashCode();
    }

    @Override
    public String toString() {
        return glob;
    }
}

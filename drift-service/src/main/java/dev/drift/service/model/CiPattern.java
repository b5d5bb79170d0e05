package dev.drift.service.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A glob over CI ids: {@code *} matches any run of characters, everything else matches itself
 * ({@code web-*}, {@code *.dc1.example.net}, or an exact id).
 */
public final class CiPattern {
    private final String glob;
    private final Pattern regex;

    private CiPattern(String glob) {
        this.glob = glob;
        this.regex = FieldPattern.toRegex(glob);
    }

    /** Throws {@link IllegalArgumentException} for a blank glob. */
    public static CiPattern of(String glob) {
        Objects.requireNonNull(glob, "glob");
        if (glob.isBlank()) {
            throw new IllegalArgumentException("CI pattern must not be blank");
        }
        return new CiPattern(glob.strip());
    }

    public String glob() {
        return glob;
    }

    public boolean matches(CiKey ci) {
        return regex.matcher(ci.value()).matches();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CiPattern other && glob.equals(other.glob);
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

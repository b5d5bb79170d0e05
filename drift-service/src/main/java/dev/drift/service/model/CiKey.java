package dev.drift.service.model;

import java.util.Objects;

/**
 * Identity of a configuration item (a VM, a device) as events name it ({@code ci_id}).
 *
 * @param value non-blank, at most 255 characters, no whitespace or control characters
 */
public record CiKey(String value) implements Comparable<CiKey> {
    public static final int MAX_LENGTH = 255;

    public CiKey {
        Objects.requireNonNull(value, "ci id");
        if (value.isBlank() || value.length() > MAX_LENGTH || value.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new IllegalArgumentException("ci id must be 1-" + MAX_LENGTH
                    + " characters without whitespace or control characters: '" + value + "'");
        }
    }

    public static CiKey of(String value) {
        return new CiKey(value);
    }

    @Override
    public int compareTo(CiKey other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}

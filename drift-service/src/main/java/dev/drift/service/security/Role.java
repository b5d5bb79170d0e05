package dev.drift.service.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What an API token may do, ordered: each role may do everything the roles before it may.
 * {@link #VIEWER} reads, {@link #OPERATOR} also acts on drift (acknowledge, remediate, reconcile,
 * exceptions, change windows), {@link #ADMIN} also manages policies and tokens and reloads compliance
 * packs.
 */
public enum Role {
    VIEWER, OPERATOR, ADMIN;

    /** The name on the wire and in the database: {@code viewer}, {@code operator}, {@code admin}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this role may do what {@code required} may. */
    public boolean covers(Role required) {
        return compareTo(required) >= 0;
    }

    /** The role of a wire name; {@link IllegalArgumentException} naming the allowed ones otherwise. */
    public static Role fromWire(String wire) {
        for (Role role : values()) {
            if (role.wireName().equals(wire)) {
                return role;
            }
        }
        throw new IllegalArgumentException("must be one of " + Arrays.stream(values()).map(Role::wireName)
                .collect(Collectors.joining(", ")) + ": '" + wire + "'");
    }
}

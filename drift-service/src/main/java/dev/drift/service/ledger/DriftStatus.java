package dev.drift.service.ledger;

import java.util.Locale;

/**
 * Lifecycle of a drift event. {@code open}, {@code acknowledged}, {@code remediating} and
 * {@code escalated} are active (at most one active event per CI and field); {@code resolved} is
 * final: a later drift of the same field opens a new event.
 */
public enum DriftStatus {
    OPEN, ACKNOWLEDGED, REMEDIATING, RESOLVED, ESCALATED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean active() {
        return this != RESOLVED;
    }

    /** Throws {@link IllegalArgumentException} naming the allowed values. */
    public static DriftStatus fromWire(String name) {
        for (DriftStatus s : values()) {
            if (s.wireName().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException(
                "status must be one of open, acknowledged, remediating, resolved, escalated: '" + name + "'");
    }
}

package dev.drift.service.ledger;

import java.util.Locale;

/**
 * Lifecycle of a drift event. Every status but {@code resolved} is active (at most one active event
 * per CI and field); {@code resolved} is final: a later drift of the same field opens a new event.
 * {@code excepted} (an approved exception covers it) and {@code expected} (an approved change window
 * covers it) are recorded but neither alert nor remediate; they become {@code open} when what covers
 * them ends and the field still differs.
 */
public enum DriftStatus {
    OPEN, ACKNOWLEDGED, REMEDIATING, RESOLVED, ESCALATED, EXCEPTED, EXPECTED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean active() {
        return this != RESOLVED;
    }

    /** Whether the drift is covered by an exception or a change window: recorded, not acted on. */
    public boolean suppressed() {
        return this == EXCEPTED || this == EXPECTED;
    }

    /** Throws {@link IllegalArgumentException} naming the allowed values. */
    public static DriftStatus fromWire(String name) {
        for (DriftStatus s : values()) {
            if (s.wireName().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException(
                "status must be one of open, acknowledged, remediating, resolved, escalated, excepted, expected: '" + name + "'");
    }
}

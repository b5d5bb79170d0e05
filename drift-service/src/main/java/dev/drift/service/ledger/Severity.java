package dev.drift.service.ledger;

import java.util.Locale;

/** How urgent a drift is, from {@code info} to {@code critical}. */
public enum Severity {
    INFO, WARNING, HIGH, CRITICAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Throws {@link IllegalArgumentException} naming the allowed values. */
    public static Severity fromWire(String name) {
        for (Severity s : values()) {
            if (s.wireName().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("severity must be one of info, warning, high, critical: '" + name + "'");
    }
}

package dev.drift.service.model;

import java.util.Locale;

/** What kind of thing drifted; derived from the field path (see {@link FieldPath#category()}). */
public enum Category {
    CONFIGURATION, PACKAGE, NETWORK, STATE, SECURITY, FIRMWARE,
    /** A machine stopped complying with one of its compliance packs (found by the sweep). */
    CONFIG_DRIFT,
    /** A machine's agent stopped reporting facts, so its compliance cannot be judged. */
    AGENT_SILENT;

    /**
     * Whether only the compliance sweep decides drift of this category: field reconciles neither
     * open nor resolve it (its fields are not in desired state).
     */
    public boolean judgedBySweep() {
        return this == CONFIG_DRIFT || this == AGENT_SILENT;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Category fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}

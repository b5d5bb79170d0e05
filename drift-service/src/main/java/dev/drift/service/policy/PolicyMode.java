package dev.drift.service.policy;

import java.util.Locale;

/** Whether a policy acts on drift ({@code enforce}) or only records and reports it ({@code report_only}). */
public enum PolicyMode {
    ENFORCE, REPORT_ONLY;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Throws {@link IllegalArgumentException} naming the allowed values. */
    public static PolicyMode fromWire(String name) {
        for (PolicyMode m : values()) {
            if (m.wireName().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("must be one of enforce, report_only: '" + name + "'");
    }
}

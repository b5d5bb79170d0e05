package dev.drift.service.compliance;

import java.util.Locale;

/** A stored check's verdict, as {@code compliance_check.verdict} and the API spell it. */
enum Verdict {
    COMPLIANT, NON_COMPLIANT, UNKNOWN;

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Verdict fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    static Verdict of(PackVerdict verdict) {
        return switch (verdict) {
            case PackVerdict.Compliant c -> COMPLIANT;
            case PackVerdict.NonCompliant n -> NON_COMPLIANT;
            case PackVerdict.Unknown u -> UNKNOWN;
        };
    }

    boolean judged() {
        return this != UNKNOWN;
    }
}

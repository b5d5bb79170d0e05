package dev.drift.service.report;

import java.util.Locale;

/** Who asked for a reconcile job. */
public enum JobKind {
    /** An operator, through {@code POST /drift/reconcile}. */
    ON_DEMAND,
    /** The sweep schedule, for one slot. */
    SCHEDULED;

    /** As stored and shown: {@code on_demand}, {@code scheduled}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}

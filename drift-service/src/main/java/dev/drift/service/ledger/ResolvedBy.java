package dev.drift.service.ledger;

import java.util.Locale;

/** Why a drift was resolved. */
public enum ResolvedBy {
    /** The machine was observed compliant again. */
    AUTO,
    /** Intent changed: the desired value now matches the machine, or the field is no longer monitored. */
    DESIRED_CHANGED,
    /** Drift detection was switched off for the CI. */
    DETECTION_DISABLED,
    /** A remediation run put the machine back. */
    REMEDIATION,
    /** An operator closed it. */
    OPERATOR;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package dev.drift.service.actions;

import java.util.Locale;

/** Which transition of a drift a notice tells about. */
public enum NoticeKind {
    /** The drift opened (after its settle time), or an exception or change window covering it ended. */
    OPENED,
    /** The drift resolved: the machine is compliant again, or intent changed. */
    RESOLVED,
    /** Remediation did not put the machine back: people must act. */
    ESCALATED,
    /** The drift is still open and nobody acknowledged it. */
    REMINDER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static NoticeKind fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}

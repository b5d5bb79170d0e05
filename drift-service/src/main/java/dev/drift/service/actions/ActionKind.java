package dev.drift.service.actions;

import java.util.Locale;

/** What an action does. */
public enum ActionKind {
    /** Tell a notification channel about a transition. */
    NOTIFY,
    /** Raise a change request in the ITSM. */
    CHANGE_REQUEST,
    /** Raise an incident in the ITSM (escalation). */
    INCIDENT,
    /** Run a remediation (or its dry run). */
    REMEDIATE,
    /** Check, some time after a successful run, that the remediated drift resolved. */
    VERIFY;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ActionKind fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}

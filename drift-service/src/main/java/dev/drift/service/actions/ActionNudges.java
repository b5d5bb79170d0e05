package dev.drift.service.actions;

import jakarta.inject.Singleton;

/** Wakes the action dispatcher and the remediation orchestrator after actions were committed. */
@Singleton
public final class ActionNudges {
    private final ActionDispatcher dispatcher;
    private final RemediationOrchestrator orchestrator;

    ActionNudges(ActionDispatcher dispatcher, RemediationOrchestrator orchestrator) {
        this.dispatcher = dispatcher;
        this.orchestrator = orchestrator;
    }

    /** Wakes both: after an operator asked for something, or reminders were planned. */
    public void nudge() {
        dispatcher.nudge();
        orchestrator.nudge();
    }

    /** Wakes the dispatcher of notifications and tickets only (after a reconcile). */
    public void nudgeDeliveries() {
        dispatcher.nudge();
    }
}

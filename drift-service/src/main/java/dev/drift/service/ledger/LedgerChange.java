package dev.drift.service.ledger;

import dev.drift.service.model.CiKey;
import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldValue;
import dev.drift.service.model.Provenance;
import java.time.Instant;

/** One change to the drift ledger decided by a reconcile. */
public sealed interface LedgerChange {

    /** A field drifted and has no active event: open one and announce it on {@code drift.detected}. */
    record Open(CiKey ci, String ciType, FieldPath field, Severity severity, FieldValue desired,
                Provenance provenance, FieldValue actual, String actualSource, Instant actualObservedAt)
            implements LedgerChange {
    }

    /**
     * A field still drifts but desired or actual changed since last time: update the event. The
     * occurrence count grows only when a new observation (another source entry) shows the drift.
     */
    record Refresh(ActiveDrift drift, FieldValue desired, Provenance provenance, FieldValue actual,
                   String actualSource, Instant actualObservedAt) implements LedgerChange {
        public boolean newObservation() {
            return !actualSource.equals(drift.actualSource());
        }
    }

    /**
     * The field matches again (or is no longer monitored): resolve and announce on
     * {@code drift.resolved}. {@code actualSource} is the observation that showed it, or the drift's
     * last one when no new observation was involved.
     */
    record Resolve(ActiveDrift drift, ResolvedBy by, FieldValue actual, String actualSource) implements LedgerChange {
        public Resolve(ActiveDrift drift, ResolvedBy by) {
            this(drift, by, drift.actual(), drift.actualSource());
        }
    }

    /**
     * A field differs, but not for long enough to open a drift (its policy's settle time): remember
     * since when it differs, and look again at {@code recheckAt}. Announces nothing.
     */
    record Settling(CiKey ci, FieldPath field, Instant since, Instant recheckAt) implements LedgerChange {
    }

    /** A settling field stopped differing before its settle time ran out: a blip, forgotten. */
    record Settled(CiKey ci, FieldPath field) implements LedgerChange {
    }
}

package dev.drift.service.ledger;

import dev.drift.service.model.CiKey;
import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldValue;
import dev.drift.service.model.Provenance;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** One change to the drift ledger decided by a reconcile. */
public sealed interface LedgerChange {

    /**
     * A field drifted and has no active event: open one and announce it on {@code drift.detected}.
     * {@code status} is {@code open}, or {@code excepted} / {@code expected} when {@code suppressedBy}
     * covers it; {@code policyId} is the policy that decided its severity.
     */
    record Open(CiKey ci, String ciType, FieldPath field, Severity severity, FieldValue desired,
                Provenance provenance, FieldValue actual, String actualSource, Instant actualObservedAt,
                DriftStatus status, Optional<String> suppressedBy, Optional<UUID> policyId)
            implements LedgerChange {
    }

    /**
     * An active drift changes status because what covers it changed: an exception or change window now
     * covers it ({@code excepted}, {@code expected}), or no longer does ({@code open}, which acts
     * like an opening: people are told).
     */
    record Reclassify(ActiveDrift drift, DriftStatus to, Optional<String> suppressedBy) implements LedgerChange {
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

package dev.drift.service.ledger;

import java.time.Instant;
import java.util.Optional;

/**
 * A status change the ledger applied, in the transaction that applied it: what actions are
 * planned from.
 *
 * @param drift      the drift as it is after the change (status {@code resolved} for a resolution)
 * @param from       the status before; empty when the drift was just recorded
 * @param resolvedBy why it resolved; empty unless it did
 * @param at         when the change was applied
 */
public record Transition(ActiveDrift drift, Optional<DriftStatus> from, Optional<ResolvedBy> resolvedBy,
                         Instant at) {

    /** Whether this transition makes the drift something people must hear about: {@code open} now, and not before. */
    public boolean opensForPeople() {
        return drift.status() == DriftStatus.OPEN && from.map(DriftStatus::suppressed).orElse(true);
    }
}

package dev.drift.service.reconcile;

import dev.drift.service.desired.DesiredLookup;
import dev.drift.service.model.CiKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * More work a {@link Sweep} does on each batch of CIs, after their fields are reconciled, on the same
 * transaction and under the same CI locks, so that it is serialized with event-driven reconciles of
 * those CIs. Implementations are beans; every one runs on every batch.
 *
 * <p>Failure semantics: an exception rolls the batch back, and the batch is retried CI by CI (see
 * {@link Reconciler#reconcileWith(Map, BatchWork)}); a CI that still fails is deferred for the
 * reconcile workers. A step must therefore isolate failures of one CI that are not database failures
 * (bad data) itself, so that they do not cost the CI its field reconcile.
 */
public interface SweepStep {

    /**
     * Does the step's work for the batch.
     *
     * @param lookups the batch's desired state, as the field reconcile used it
     * @param jobId   the reconcile job the sweep runs for; empty when run without one
     * @return the number of ledger changes made (to wake delivery after commit)
     */
    int run(Connection connection, Map<CiKey, DesiredLookup> lookups, Optional<UUID> jobId) throws SQLException;
}

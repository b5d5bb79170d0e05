package dev.drift.service.reconcile;

import dev.drift.service.actual.ActualStateRepository;
import dev.drift.service.desired.DesiredLookup;
import dev.drift.service.desired.DesiredStateSource;
import dev.drift.service.ledger.ActiveDrift;
import dev.drift.service.ledger.DriftLedger;
import dev.drift.service.ledger.LedgerChange;
import dev.drift.service.model.ActualState;
import dev.drift.service.model.CiKey;
import dev.drift.service.model.FieldPath;
import dev.drift.service.outbox.OutboxPublisher;
import dev.drift.service.system.Database;
import dev.drift.service.system.DriftException;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Level-triggered reconciliation: for each CI, read desired state and the latest actual state, diff
 * them and bring the ledger in line, then clear the CI's reconcile request.
 *
 * <p>Retry semantics: when desired state cannot be read (source down, slow), the CI is deferred
 * with exponential backoff and nothing is decided for it. When the database fails, a batch is
 * retried CI by CI, and a CI that still fails is deferred. A CI's request is removed only in the
 * transaction that applied its result, so every requested CI is eventually reconciled.
 *
 * <p>Concurrency: work on one CI is serialized by a transaction-scoped PostgreSQL advisory lock, so
 * several workers and several instances may run the reconciler at once.
 */
@Singleton
public final class Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    private static final String LOCK = """
            select count(pg_advisory_xact_lock(k)) from (
              select distinct hashtextextended(x, 7) as k from unnest(?::text[]) as x order by 1) s""";

    private final DesiredStateSource desiredSource;
    private final ActualStateRepository actualState;
    private final DriftLedger ledger;
    private final ReconcileRequests requests;
    private final ReconcilePlanner planner;
    private final Database database;
    private final ReconcileProperties properties;
    private final OutboxPublisher publisher;

    Reconciler(DesiredStateSource desiredSource, ActualStateRepository actualState, DriftLedger ledger,
               ReconcileRequests requests, ReconcilePlanner planner, Database database,
               ReconcileProperties properties, OutboxPublisher publisher) {
        this.desiredSource = desiredSource;
        this.actualState = actualState;
        this.ledger = ledger;
        this.requests = requests;
        this.planner = planner;
        this.database = database;
        this.properties = properties;
        this.publisher = publisher;
    }

    /** Reconciles the CIs; safe to call again with the same CIs at any time. */
    public void reconcile(List<CiKey> cis) {
        Map<CiKey, DesiredLookup> lookups = new LinkedHashMap<>();
        for (CiKey ci : cis) {
            try {
                lookups.put(ci, desiredSource.lookup(ci));
            } catch (RuntimeException e) {
                defer(ci, "desired state unavailable: " + e.getMessage(), e);
            }
        }
        if (lookups.isEmpty()) {
            return;
        }
        try {
            database.write(c -> apply(c, lookups));
        } catch (RuntimeException batchFailure) {
            if (lookups.size() == 1) {
                CiKey ci = lookups.keySet().iterator().next();
                defer(ci, "reconcile failed: " + batchFailure.getMessage(), batchFailure);
                return;
            }
            lookups.forEach((ci, lookup) -> reconcileAlone(ci, lookup));
        }
        publisher.nudge();
    }

    private void reconcileAlone(CiKey ci, DesiredLookup lookup) {
        try {
            database.write(c -> apply(c, Map.of(ci, lookup)));
        } catch (RuntimeException e) {
            defer(ci, "reconcile failed: " + e.getMessage(), e);
        }
    }

    private int apply(Connection c, Map<CiKey, DesiredLookup> lookups) throws SQLException {
        List<CiKey> cis = new ArrayList<>(lookups.keySet());
        lock(c, cis);
        Map<CiKey, Long> generations = requests.generations(c, cis);
        Map<CiKey, ActualState> actual = actualState.load(c, cis);
        Map<CiKey, Map<FieldPath, ActiveDrift>> active = ledger.active(c, cis);
        List<LedgerChange> changes = new ArrayList<>();
        for (CiKey ci : cis) {
            changes.addAll(planner.plan(ci, lookups.get(ci), actual.get(ci), active.getOrDefault(ci, Map.of()),
                    desiredSource.name()));
        }
        ledger.apply(c, changes, Instant.now(), "reconciler");
        requests.complete(c, generations);
        return changes.size();
    }

    private static void lock(Connection c, List<CiKey> cis) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LOCK)) {
            ps.setArray(1, c.createArrayOf("text", cis.stream().map(CiKey::value).toArray()));
            ps.executeQuery().close();
        }
    }

    private void defer(CiKey ci, String reason, RuntimeException cause) {
        try {
            var delay = database.write(c -> requests.defer(c, ci, reason, properties.retryInitialBackoff(),
                    properties.retryMaxBackoff()));
            if (DriftException.isRetryable(cause)) {
                LOG.warn("reconcile of {} deferred by {}: {}", ci, delay, reason);
            } else {
                LOG.error("reconcile of {} deferred by {} after a non-retryable failure: {}", ci, delay, reason, cause);
            }
        } catch (RuntimeException e) {
            // The request row is still there; the poller picks the CI up again.
            LOG.warn("could not record deferral of {} ({}); it stays requested", ci, e.getMessage());
        }
    }
}

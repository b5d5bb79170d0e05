package dev.drift.service.reconcile;

import dev.drift.service.actions.ActionNudges;
import dev.drift.service.actions.ActionPlanner;
import dev.drift.service.actions.RemediationGuards;
import dev.drift.service.actual.ActualStateRepository;
import dev.drift.service.desired.DesiredLookup;
import dev.drift.service.desired.DesiredStateSource;
import dev.drift.service.ledger.ActiveDrift;
import dev.drift.service.ledger.CiLocks;
import dev.drift.service.ledger.DriftLedger;
import dev.drift.service.ledger.LedgerChange;
import dev.drift.service.model.ActualState;
import dev.drift.service.model.CiKey;
import dev.drift.service.model.FieldPath;
import dev.drift.service.outbox.OutboxPublisher;
import dev.drift.service.policy.Policy;
import dev.drift.service.policy.PolicyStore;
import dev.drift.service.suppress.SuppressionStore;
import dev.drift.service.suppress.Suppressions;
import dev.drift.service.system.Database;
import dev.drift.service.system.DriftException;
import dev.drift.service.system.DriftMetrics;
import dev.drift.service.system.LogContext;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Level-triggered reconciliation: for each CI, read desired state and the latest actual state, diff
 * them and bring the ledger in line, then clear the CI's reconcile requests.
 *
 * <p>Two entry points share one core. Ingest calls {@link #lookup} and then
 * {@link #reconcileLocked} inside its own transaction, right after recording the observations, so
 * the common case costs one transaction. {@link #reconcile(List)} serves the durable requests
 * (deferred CIs, CIs whose inline reconcile failed, sweeps) in transactions of its own.
 *
 * <p>Retry semantics: when desired state cannot be read (source down, slow), the CI is deferred
 * with exponential backoff and nothing is decided for it. When the database fails, a batch is
 * retried CI by CI, and a CI that still fails is deferred. A CI's requests are removed only in the
 * transaction that applied its result, so every requested CI is eventually reconciled.
 *
 * <p>Concurrency: callers hold the CI's advisory lock ({@link CiLocks}) for the whole transaction,
 * so work on one CI is serialized across workers and instances.
 */
@Singleton
public final class Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    private static final String UNAVAILABLE = "desired state unavailable: ";

    private final DesiredStateSource desiredSource;
    private final ActualStateRepository actualState;
    private final DriftLedger ledger;
    private final ReconcileRequests requests;
    private final ReconcilePlanner planner;
    private final Database database;
    private final ReconcileProperties properties;
    private final OutboxPublisher publisher;
    private final PolicyStore policyStore;
    private final SuppressionStore suppressions;
    private final RemediationGuards remediationGuards;
    private final ActionPlanner actions;
    private final ActionNudges actionNudges;
    private final DriftMetrics metrics;
    private final AtomicBoolean sourceFailing = new AtomicBoolean();

    /** Desired state read for some CIs; those that could not be read, with why. */
    public record Lookups(Map<CiKey, DesiredLookup> found, Map<CiKey, RuntimeException> failed) {
    }

    Reconciler(DesiredStateSource desiredSource, ActualStateRepository actualState, DriftLedger ledger,
               ReconcileRequests requests, ReconcilePlanner planner, Database database,
               ReconcileProperties properties, OutboxPublisher publisher, PolicyStore policyStore,
               SuppressionStore suppressions, RemediationGuards remediationGuards, ActionPlanner actions,
               ActionNudges actionNudges, DriftMetrics metrics) {
        this.desiredSource = desiredSource;
        this.actualState = actualState;
        this.ledger = ledger;
        this.requests = requests;
        this.planner = planner;
        this.database = database;
        this.properties = properties;
        this.publisher = publisher;
        this.policyStore = policyStore;
        this.suppressions = suppressions;
        this.remediationGuards = remediationGuards;
        this.actions = actions;
        this.actionNudges = actionNudges;
        this.metrics = metrics;
    }

    /**
     * Wakes whoever delivers what a committed reconcile recorded: the outbox publisher and the action
     * dispatcher (remediation runs are picked up by their own poll). Call only after ledger changes.
     */
    public void nudgeDelivery() {
        publisher.nudge();
        actionNudges.nudgeDeliveries();
    }

    /**
     * Reads desired state of the CIs, outside any transaction; never throws. The first successful
     * read after the source failed releases every CI deferred because of it, so that they are all
     * reconciled as soon as the source is back rather than at the end of their backoff.
     */
    public Lookups lookup(Collection<CiKey> cis) {
        Map<CiKey, DesiredLookup> found = new LinkedHashMap<>();
        Map<CiKey, RuntimeException> failed = new LinkedHashMap<>();
        for (CiKey ci : cis) {
            try {
                found.put(ci, desiredSource.lookup(ci));
            } catch (RuntimeException e) {
                failed.put(ci, e);
            }
        }
        if (!failed.isEmpty()) {
            sourceFailing.set(true);
        } else if (!found.isEmpty() && sourceFailing.compareAndSet(true, false)) {
            releaseDeferredAfterSourceRecovered();
        }
        return new Lookups(found, failed);
    }

    private void releaseDeferredAfterSourceRecovered() {
        try {
            int released = database.write(c -> requests.releaseDeferred(c, UNAVAILABLE));
            LOG.info("desired-state source answers again: {} deferred CIs released", released);
        } catch (RuntimeException e) {
            sourceFailing.set(true);
            LOG.warn("could not release deferred CIs: {}", e.getMessage());
        }
    }

    /**
     * Reconciles the CIs on the caller's transaction, which must hold their locks; returns the number
     * of ledger changes. The caller nudges the outbox publisher after commit.
     */
    public int reconcileLocked(Connection c, Map<CiKey, DesiredLookup> lookups) throws SQLException {
        if (lookups.isEmpty()) {
            return 0;
        }
        long started = System.nanoTime();
        List<CiKey> cis = new ArrayList<>(lookups.keySet());
        Map<CiKey, Long> pending = requests.pending(c, cis);
        Map<CiKey, ActualState> actual = actualState.load(c, cis);
        Map<CiKey, Map<FieldPath, ActiveDrift>> active = ledger.active(c, cis);
        Map<CiKey, Map<FieldPath, Instant>> settling = ledger.candidates(c, cis);
        List<Policy> policies = policyStore.current();
        // PostgreSQL keeps microseconds: the time published must be the time stored.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Suppressions covers = suppressions.load(c, cis, now);
        Map<CiKey, Instant> guarded = remediationGuards.activeUntil(c, cis);
        List<LedgerChange> changes = new ArrayList<>();
        for (CiKey ci : cis) {
            try (LogContext log = LogContext.ci(ci.value())) {
                List<LedgerChange> planned = planner.plan(new ReconcilePlanner.Inputs(ci, lookups.get(ci),
                        actual.get(ci), active.getOrDefault(ci, Map.of()), desiredSource.name(), policies,
                        settling.getOrDefault(ci, Map.of()), now, covers, Optional.ofNullable(guarded.get(ci))));
                LOG.debug("reconciled: {} ledger changes", planned.size());
                changes.addAll(planned);
            }
        }
        actions.plan(c, ledger.apply(c, changes, now, "reconciler"), policies);
        requests.complete(c, cis, pending);
        for (LedgerChange change : changes) {
            if (change instanceof LedgerChange.Settling s) {
                requests.requestAt(c, s.ci(), s.recheckAt());
            }
        }
        metrics.reconciled(cis.size(), Duration.ofNanos(System.nanoTime() - started));
        return changes.size();
    }

    /** Reconciles the CIs in transactions of its own; safe to call again with the same CIs at any time. */
    public void reconcile(List<CiKey> cis) {
        Lookups lookups = lookup(cis);
        lookups.failed().forEach((ci, e) -> defer(ci, UNAVAILABLE + e.getMessage(), e));
        reconcileWith(lookups.found());
    }

    /**
     * Reconciles CIs whose desired state the caller already read, in one transaction, or CI by CI
     * when that fails; returns the number of ledger changes.
     */
    public int reconcileWith(Map<CiKey, DesiredLookup> lookups) {
        return reconcileWith(lookups, (c, batch) -> 0).ledgerChanges();
    }

    /**
     * {@link #reconcileWith(Map)}, then {@code more} on the same transaction and locks (a sweep).
     * When the batch fails, each CI is retried alone (with {@code more}); a CI that fails alone is
     * deferred, logged and named in the outcome, and the others go on.
     */
    public BatchOutcome reconcileWith(Map<CiKey, DesiredLookup> lookups, BatchWork more) {
        if (lookups.isEmpty()) {
            return new BatchOutcome(0, Set.of());
        }
        int changes = 0;
        Set<CiKey> failed = new LinkedHashSet<>();
        try {
            changes = inOwnTransaction(lookups, more);
        } catch (RuntimeException batchFailure) {
            if (lookups.size() == 1) {
                CiKey ci = lookups.keySet().iterator().next();
                defer(ci, "reconcile failed: " + batchFailure.getMessage(), batchFailure);
                return new BatchOutcome(0, Set.of(ci));
            }
            for (Map.Entry<CiKey, DesiredLookup> e : lookups.entrySet()) {
                try {
                    changes += inOwnTransaction(Map.of(e.getKey(), e.getValue()), more);
                } catch (RuntimeException alone) {
                    defer(e.getKey(), "reconcile failed: " + alone.getMessage(), alone);
                    failed.add(e.getKey());
                }
            }
        }
        if (changes > 0) {
            nudgeDelivery();
        }
        return new BatchOutcome(changes, failed);
    }

    /** Work done on a reconciled batch in its transaction; returns the ledger changes it made. */
    @FunctionalInterface
    public interface BatchWork {
        int run(Connection connection, Map<CiKey, DesiredLookup> lookups) throws SQLException;
    }

    /** What reconciling a batch did: its ledger changes, and the CIs that failed and were deferred. */
    public record BatchOutcome(int ledgerChanges, Set<CiKey> failed) {
        public BatchOutcome {
            failed = Set.copyOf(failed);
        }
    }

    private int inOwnTransaction(Map<CiKey, DesiredLookup> lookups, BatchWork more) {
        return database.write(c -> {
            CiLocks.lock(c, lookups.keySet());
            return reconcileLocked(c, lookups) + more.run(c, lookups);
        });
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

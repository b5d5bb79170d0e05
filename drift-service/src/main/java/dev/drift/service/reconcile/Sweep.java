package dev.drift.service.reconcile;

import dev.drift.service.actual.ActualStateRepository;
import dev.drift.service.desired.DesiredLookup;
import dev.drift.service.desired.DesiredStateSource;
import dev.drift.service.model.CiKey;
import dev.drift.service.system.Database;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Reconciles every CI at once: all CIs the desired-state source knows (read in bulk) and all CIs
 * drift has observed (so that a CI removed from the CMDB becomes unmanaged). Catches whatever
 * events and webhooks missed. Every {@link SweepStep} (the compliance check) runs on each batch in
 * the batch's transaction. Safe to run at any time and concurrently with event processing.
 *
 * <p>One CI failing (bad data, a database error on its rows) is deferred for the reconcile workers,
 * logged and counted in {@link Result#deferred()}; the others go on.
 */
@Singleton
public final class Sweep {
    private static final int BATCH = 500;

    private final DesiredStateSource source;
    private final Reconciler reconciler;
    private final Database database;
    private final ReconcileTrigger trigger;
    private final ActualStateRepository actualState;
    private final List<SweepStep> steps;

    /**
     * What a sweep did.
     *
     * @param deferred CIs left to the reconcile workers: their desired state could not be read, or
     *                 their reconcile failed
     */
    public record Result(int cis, int ledgerChanges, int deferred, Duration took) {
    }

    Sweep(DesiredStateSource source, Reconciler reconciler, Database database, ReconcileTrigger trigger,
          ActualStateRepository actualState, List<SweepStep> steps) {
        this.source = source;
        this.steps = List.copyOf(steps);
        this.actualState = actualState;
        this.reconciler = reconciler;
        this.database = database;
        this.trigger = trigger;
    }

    /** Told how far a sweep got, after each batch of CIs, on the sweeping thread. */
    @FunctionalInterface
    public interface Progress {
        /**
         * @param cisDone       CIs reconciled so far
         * @param cisTotal      CIs this sweep reconciles (those whose desired state could not be read
         *                      are handed to the reconcile workers and not counted)
         * @param ledgerChanges ledger changes so far
         */
        void batchDone(int cisDone, int cisTotal, int ledgerChanges);
    }

    /** Runs the sweep; throws {@link dev.drift.service.system.DriftException.Retryable} if the source is down. */
    public Result run() {
        return run((done, total, changes) -> { });
    }

    /** {@link #run()}, telling progress after each batch. */
    public Result run(Progress progress) {
        return run(Optional.empty(), progress);
    }

    /**
     * {@link #run()} for a reconcile job, telling progress after each batch: each batch's fields are
     * reconciled and every {@link SweepStep} runs on it, in one transaction per batch.
     */
    public Result run(Optional<UUID> jobId, Progress progress) {
        long start = System.nanoTime();
        Map<CiKey, DesiredLookup> all = new LinkedHashMap<>(source.loadAll());
        Set<CiKey> onlyObserved = new TreeSet<>(observedCis());
        onlyObserved.removeAll(all.keySet());
        Reconciler.Lookups rest = reconciler.lookup(onlyObserved);
        all.putAll(rest.found());
        // CIs whose desired state could not be read go to the workers, which defer and retry them.
        trigger.request(rest.failed().keySet());
        int changes = 0;
        Set<CiKey> failed = new TreeSet<>();
        List<CiKey> keys = new ArrayList<>(all.keySet());
        for (int from = 0; from < keys.size(); from += BATCH) {
            Map<CiKey, DesiredLookup> batch = new LinkedHashMap<>();
            keys.subList(from, Math.min(from + BATCH, keys.size())).forEach(ci -> batch.put(ci, all.get(ci)));
            Reconciler.BatchOutcome outcome = reconciler.reconcileWith(batch, (c, lookups) -> runSteps(c, lookups, jobId));
            changes += outcome.ledgerChanges();
            failed.addAll(outcome.failed());
            progress.batchDone(from + batch.size(), keys.size(), changes);
        }
        // Deferred with backoff by the reconciler; a request makes the workers come back to them.
        trigger.request(failed);
        return new Result(all.size() + rest.failed().size(), changes, rest.failed().size() + failed.size(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    private int runSteps(Connection c, Map<CiKey, DesiredLookup> lookups, Optional<UUID> jobId) throws SQLException {
        int changes = 0;
        for (SweepStep step : steps) {
            changes += step.run(c, lookups, jobId);
        }
        return changes;
    }

    private List<CiKey> observedCis() {
        return database.read(actualState::observedCis);
    }
}

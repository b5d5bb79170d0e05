package dev.drift.service.reconcile;

import dev.drift.service.actual.ActualStateRepository;
import dev.drift.service.desired.DesiredLookup;
import dev.drift.service.desired.DesiredStateSource;
import dev.drift.service.model.CiKey;
import dev.drift.service.system.Database;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reconciles every CI at once: all CIs the desired-state source knows (read in bulk) and all CIs
 * drift has observed (so that a CI removed from the CMDB becomes unmanaged). Catches whatever
 * events and webhooks missed. Safe to run at any time and concurrently with event processing.
 */
@Singleton
public final class Sweep {
    private static final int BATCH = 500;

    private final DesiredStateSource source;
    private final Reconciler reconciler;
    private final Database database;
    private final ReconcileTrigger trigger;
    private final ActualStateRepository actualState;

    /** What a sweep did. */
    public record Result(int cis, int ledgerChanges, int deferred, Duration took) {
    }

    Sweep(DesiredStateSource source, Reconciler reconciler, Database database, ReconcileTrigger trigger,
          ActualStateRepository actualState) {
        this.source = source;
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
        long start = System.nanoTime();
        Map<CiKey, DesiredLookup> all = new LinkedHashMap<>(source.loadAll());
        Set<CiKey> onlyObserved = new TreeSet<>(observedCis());
        onlyObserved.removeAll(all.keySet());
        Reconciler.Lookups rest = reconciler.lookup(onlyObserved);
        all.putAll(rest.found());
        // CIs whose desired state could not be read go to the workers, which defer and retry them.
        trigger.request(rest.failed().keySet());
        int changes = 0;
        List<CiKey> keys = new ArrayList<>(all.keySet());
        for (int from = 0; from < keys.size(); from += BATCH) {
            Map<CiKey, DesiredLookup> batch = new LinkedHashMap<>();
            keys.subList(from, Math.min(from + BATCH, keys.size())).forEach(ci -> batch.put(ci, all.get(ci)));
            changes += reconciler.reconcileWith(batch);
            progress.batchDone(from + batch.size(), keys.size(), changes);
        }
        return new Result(all.size() + rest.failed().size(), changes, rest.failed().size(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    private List<CiKey> observedCis() {
        return database.read(actualState::observedCis);
    }
}

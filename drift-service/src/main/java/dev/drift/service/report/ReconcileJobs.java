package dev.drift.service.report;

import dev.drift.service.reconcile.Sweep;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Full sweeps ({@link Sweep}) run in the background, on request or for a slot of the schedule, and
 * are recorded in {@code reconcile_job} so that every instance can tell how one went.
 *
 * <p>One runs at a time across all instances: a sweep starts only if it gets the {@link SweepLock},
 * which it holds until it ends. A job whose instance died while it ran stays {@code running} until
 * the next sweep takes the lock and marks it {@code interrupted}; an interrupted scheduled slot may
 * run again (a sweep is idempotent, so it simply starts over).
 */
@Singleton
public final class ReconcileJobs {
    private static final Logger LOG = LoggerFactory.getLogger(ReconcileJobs.class);

    private final Sweep sweep;
    private final ReconcileJobStore store;
    private final SweepLock lock;
    private final Clock clock;
    private final ExecutorService executor;
    private final String instance = instanceName();

    ReconcileJobs(Sweep sweep, ReconcileJobStore store, SweepLock lock, Clock clock,
                  @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
        this.sweep = sweep;
        this.store = store;
        this.lock = lock;
        this.clock = clock;
        this.executor = executor;
    }

    /** What asking for a sweep did. */
    public sealed interface Start {
        /** The sweep runs in the background. */
        record Started(ReconcileJob job) implements Start {
        }

        /**
         * Another sweep runs, on this or another instance.
         *
         * @param jobId its job; empty in the moment between its taking the lock and recording the job
         */
        record AlreadyRunning(Optional<UUID> jobId) implements Start {
        }

        /** The slot has a run already (only from {@link #startScheduled}). */
        record SlotTaken(Instant slot) implements Start {
        }
    }

    /** Starts a sweep in the background unless one runs anywhere. */
    public Start start() {
        return start(JobKind.ON_DEMAND, null);
    }

    /** Starts the slot's sweep in the background unless a sweep runs anywhere or the slot has a run. */
    public Start startScheduled(Instant slot) {
        return start(JobKind.SCHEDULED, slot);
    }

    /** Whether a scheduled run of the slot has ended as {@code succeeded} or {@code failed}. */
    public boolean slotFinished(Instant slot) {
        return store.slotFinished(slot);
    }

    /** The job, whichever instance runs or ran it. */
    public Optional<ReconcileJob> find(UUID id) {
        return store.find(id);
    }

    private Start start(JobKind kind, Instant slot) {
        Optional<SweepLock.Held> held = lock.tryAcquire();
        if (held.isEmpty()) {
            return new Start.AlreadyRunning(store.running());
        }
        UUID id = UUID.randomUUID();
        boolean handedOver = false;
        try {
            Optional<ReconcileJob> job = store.begin(new ReconcileJobStore.NewJob(id, kind, slot, instance, now()));
            if (job.isEmpty()) {
                return new Start.SlotTaken(slot);
            }
            try {
                executor.execute(() -> run(id, held.get()));
            } catch (RuntimeException e) {
                finish(id, "failed", null, "could not be started: " + e.getMessage());
                throw e;
            }
            handedOver = true;
            return new Start.Started(job.get());
        } finally {
            if (!handedOver) {
                held.get().close();
            }
        }
    }

    /** Records the end before the lock goes, so that the next sweep never takes this job for an orphan. */
    private void run(UUID id, SweepLock.Held held) {
        try {
            Sweep.Result result = sweep.run(Optional.of(id),
                    (done, total, changes) -> store.progress(id, done, total, changes));
            finish(id, "succeeded", result, null);
            LOG.info("reconcile job {}: {} CIs, {} ledger changes, {} deferred, in {}", id, result.cis(),
                    result.ledgerChanges(), result.deferred(), result.took());
        } catch (RuntimeException e) {
            LOG.warn("reconcile job {} failed: {}", id, e.getMessage(), e);
            finish(id, "failed", null, e.getMessage() == null ? e.toString() : e.getMessage());
        } finally {
            held.close();
        }
    }

    private void finish(UUID id, String status, Sweep.Result result, String error) {
        try {
            store.finish(id, status, now(), result, error);
        } catch (RuntimeException e) {
            LOG.error("could not record the end of reconcile job {} ({}): {}", id, status, e.getMessage());
        }
    }

    /** PostgreSQL keeps microseconds: the time answered must be the time stored. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String instanceName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}

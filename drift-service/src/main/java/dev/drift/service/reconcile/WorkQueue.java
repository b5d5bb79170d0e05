package dev.drift.service.reconcile;

import dev.drift.service.model.CiKey;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * In-process queue of CIs to reconcile, with the semantics of controller-runtime's work queue: a CI
 * is queued at most once however often it is added, and a CI being processed is never handed to a
 * second worker; if it is added meanwhile, it is queued again when the first worker is done. That
 * serializes work per CI within this instance; across instances the reconciler also takes a
 * PostgreSQL advisory lock per CI.
 *
 * <p>The queue is a latency optimisation only: the durable truth is {@link ReconcileRequests}.
 */
@Singleton
public final class WorkQueue {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final LinkedHashSet<CiKey> queued = new LinkedHashSet<>();
    private final Set<CiKey> processing = new HashSet<>();
    private final Set<CiKey> dirty = new HashSet<>();

    public void addAll(Collection<CiKey> cis) {
        lock.lock();
        try {
            for (CiKey ci : cis) {
                if (processing.contains(ci)) {
                    dirty.add(ci);
                } else {
                    queued.add(ci);
                }
            }
            if (!queued.isEmpty()) {
                notEmpty.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes up to {@code max} CIs, waiting at most {@code wait} for the first. The caller must call
     * {@link #done(Collection)} for every CI it got.
     */
    public List<CiKey> take(int max, Duration wait) throws InterruptedException {
        lock.lock();
        try {
            long nanos = wait.toNanos();
            while (queued.isEmpty()) {
                if (nanos <= 0) {
                    return List.of();
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            List<CiKey> batch = new ArrayList<>(Math.min(max, queued.size()));
            var it = queued.iterator();
            while (it.hasNext() && batch.size() < max) {
                CiKey ci = it.next();
                it.remove();
                processing.add(ci);
                batch.add(ci);
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    /** Marks CIs as processed; those added while they were processed are queued again. */
    public void done(Collection<CiKey> cis) {
        lock.lock();
        try {
            for (CiKey ci : cis) {
                processing.remove(ci);
                if (dirty.remove(ci)) {
                    queued.add(ci);
                }
            }
            if (!queued.isEmpty()) {
                notEmpty.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            return queued.size();
        } finally {
            lock.unlock();
        }
    }
}

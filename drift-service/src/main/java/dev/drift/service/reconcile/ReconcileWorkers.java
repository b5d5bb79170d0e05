package dev.drift.service.reconcile;

import dev.drift.service.model.CiKey;
import dev.drift.service.system.Database;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the reconcile workers and the poller of durable requests.
 *
 * <p>Lifecycle: started when the server is up; workers take batches from the {@link WorkQueue};
 * the poller feeds the queue with requests that are due but older than one poll interval (those
 * deferred after a failure, left by a crashed instance, or written by another instance). On
 * shutdown, workers finish the batch they hold; unfinished requests stay in the database.
 */
@Singleton
@Requires(property = "drift.reconcile.enabled", value = "true", defaultValue = "true")
final class ReconcileWorkers implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(ReconcileWorkers.class);
    private static final Duration TAKE_WAIT = Duration.ofMillis(500);

    private final WorkQueue queue;
    private final Reconciler reconciler;
    private final ReconcileRequests requests;
    private final Database database;
    private final ReconcileProperties properties;
    private final List<Thread> workers = new ArrayList<>();
    private ScheduledExecutorService poller;
    private volatile boolean running;

    ReconcileWorkers(WorkQueue queue, Reconciler reconciler, ReconcileRequests requests, Database database,
                     ReconcileProperties properties) {
        this.queue = queue;
        this.reconciler = reconciler;
        this.requests = requests;
        this.database = database;
        this.properties = properties;
    }

    @Override
    public synchronized void onApplicationEvent(ServerStartupEvent event) {
        if (running) {
            return;
        }
        running = true;
        for (int i = 0; i < properties.workers(); i++) {
            Thread t = Thread.ofPlatform().name("reconcile-" + i).daemon().start(this::work);
            workers.add(t);
        }
        poller = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("reconcile-poller")
                .daemon().unstarted(r));
        long interval = properties.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::pollDue, 0, interval, TimeUnit.MILLISECONDS);
    }

    private void work() {
        while (running) {
            List<CiKey> batch;
            try {
                batch = queue.take(properties.batchSize(), TAKE_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (batch.isEmpty()) {
                continue;
            }
            try {
                reconciler.reconcile(batch);
            } catch (RuntimeException e) {
                LOG.error("reconcile batch of {} CIs failed; their requests stay queued", batch.size(), e);
            } finally {
                queue.done(batch);
            }
        }
    }

    private void pollDue() {
        try {
            List<CiKey> due = database.read(c -> requests.due(c, 5000, properties.pollInterval()));
            queue.addAll(due);
        } catch (RuntimeException e) {
            LOG.warn("could not poll reconcile requests: {}", e.getMessage());
        }
    }

    @PreDestroy
    synchronized void stop() throws InterruptedException {
        running = false;
        if (poller != null) {
            poller.shutdownNow();
        }
        for (Thread t : workers) {
            t.join(TimeUnit.SECONDS.toMillis(10));
        }
    }
}

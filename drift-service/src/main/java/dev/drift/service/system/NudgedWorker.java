package dev.drift.service.system;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background thread that runs a round of work when nudged, or every {@code pollInterval} when
 * nobody nudged it. Nudges that arrive during a round collapse into one more round. A round that
 * throws is retried after a backoff doubling from 100 ms to 10 s, reset by the next good round.
 *
 * With a {@code minGap}, rounds start at least that far apart, so work that arrives in many small
 * commits is taken in fewer, larger rounds.
 *
 * <p>Lifecycle: {@link #start} once (later calls do nothing), {@link #stop} interrupts the thread
 * and waits up to 10 s for it.
 */
public final class NudgedWorker {
    private static final Logger LOG = LoggerFactory.getLogger(NudgedWorker.class);
    private static final long MAX_BACKOFF_MILLIS = 10_000;

    /** One round of work; interruption ends the worker. */
    @FunctionalInterface
    public interface Round {
        void run() throws InterruptedException;
    }

    private final String name;
    private final Duration pollInterval;
    private final Round round;
    private final Duration minGap;
    private final Semaphore nudges = new Semaphore(0);
    private Thread thread;
    private volatile boolean running;

    public NudgedWorker(String name, Duration pollInterval, Round round) {
        this(name, pollInterval, Duration.ZERO, round);
    }

    public NudgedWorker(String name, Duration pollInterval, Duration minGap, Round round) {
        this.name = name;
        this.pollInterval = pollInterval;
        this.minGap = minGap;
        this.round = round;
    }

    /** Asks for a round now. */
    public void nudge() {
        if (nudges.availablePermits() == 0) {
            nudges.release();
        }
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name(name).daemon().start(this::loop);
    }

    public synchronized void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    private void loop() {
        long backoffMillis = 0;
        while (running) {
            try {
                if (backoffMillis > 0) {
                    TimeUnit.MILLISECONDS.sleep(backoffMillis);
                }
                nudges.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                if (!minGap.isZero()) {
                    TimeUnit.MILLISECONDS.sleep(minGap.toMillis());
                }
                nudges.drainPermits();
                round.run();
                backoffMillis = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                backoffMillis = Math.min(Math.max(backoffMillis * 2, 100), MAX_BACKOFF_MILLIS);
                LOG.warn("{} round failed, next in {} ms: {}", name, backoffMillis, e.getMessage());
            }
        }
    }
}

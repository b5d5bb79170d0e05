package dev.drift.agent.publish;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Drains the spool into Redis in order, in the background: every interval it sends the oldest
 * records one by one and acknowledges each batch once Redis has confirmed it. It stops at the
 * first failure and tries again after the interval, so nothing overtakes a record Redis refused.
 * A kill -9 between a confirmed XADD and its acknowledgement re-sends up to one batch after the
 * restart: duplicates are possible (the service ignores seqs it has seen), losses are not.
 */
final class SpoolReplayer implements AutoCloseable {
    static final int BATCH = 256;
    private static final System.Logger LOG = System.getLogger(SpoolReplayer.class.getName());

    private final Spool spool;
    private final StreamWriter writer;
    private final Duration interval;
    private final ScheduledExecutorService executor;
    private long replayedSinceEmpty;
    private boolean stalled;

    SpoolReplayer(Spool spool, StreamWriter writer, Duration interval) {
        this.spool = spool;
        this.writer = writer;
        this.interval = interval;
        this.executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("drift-spool-replay").daemon().factory());
        executor.scheduleWithFixedDelay(this::drain, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void drain() {
        try {
            List<SpoolFormat.Read.Record> batch = spool.peek(BATCH);
            while (!batch.isEmpty() && replay(batch) == batch.size()) {
                batch = spool.peek(BATCH);
            }
            if (batch.isEmpty() && replayedSinceEmpty > 0) {
                LOG.log(Level.INFO, "Redis reachable: replayed {0} spooled events in order; spool empty",
                        replayedSinceEmpty);
                replayedSinceEmpty = 0;
            }
        } catch (RuntimeException e) {
            // An exception would cancel the schedule, and with it every later replay.
            LOG.log(Level.WARNING, "spool replay failed; retrying", e);
        }
    }

    /** Sends the batch until the first failure, acknowledges what was sent, and returns how much. */
    private int replay(List<SpoolFormat.Read.Record> batch) {
        int sent = 0;
        for (SpoolFormat.Read.Record record : batch) {
            if (writer.add(record.entry()) instanceof Delivery.Failed failed) {
                // Once per stall: Redis down for an hour must not write a line a second, but a
                // record Redis keeps refusing (a key of the wrong type, say) must not stall unseen.
                LOG.log(stalled ? Level.DEBUG : Level.WARNING, "replay waits at {0}: {1}; retrying every {2}",
                        record.entry(), failed.reason(), interval);
                stalled = true;
                break;
            }
            stalled = false;
            sent++;
        }
        if (sent > 0) {
            spool.acknowledge(batch.get(sent - 1), sent);
            replayedSinceEmpty += sent;
        }
        return sent;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "spool replay did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

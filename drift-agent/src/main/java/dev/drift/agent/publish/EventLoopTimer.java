package dev.drift.agent.publish;

import io.netty.util.Timeout;
import io.netty.util.Timer;
import io.netty.util.TimerTask;
import io.netty.util.concurrent.EventExecutor;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Netty {@link Timer} that schedules each timeout on an event loop instead of a wheel that ticks
 * every 100 ms whether anything is due or not (Netty's {@code HashedWheelTimer}): an idle agent
 * sleeps. Lettuce times its connection handshake with it. Tasks run on the loop's thread.
 */
final class EventLoopTimer implements Timer {
    private static final System.Logger LOG = System.getLogger(EventLoopTimer.class.getName());

    private final EventExecutor loop;

    EventLoopTimer(EventExecutor loop) {
        this.loop = loop;
    }

    @Override
    public Timeout newTimeout(TimerTask task, long delay, TimeUnit unit) {
        ScheduledTimeout timeout = new ScheduledTimeout(this, task);
        timeout.scheduled(loop.schedule(timeout, delay, unit));
        return timeout;
    }

    /** Pending timeouts are dropped with the loop's scheduled tasks when it shuts down. */
    @Override
    public Set<Timeout> stop() {
        return Set.of();
    }

    private static final class ScheduledTimeout implements Timeout, Runnable {
        private final Timer timer;
        private final TimerTask task;
        private final CompletableFuture<ScheduledFuture<?>> future = new CompletableFuture<>();
        private volatile boolean expired;

        ScheduledTimeout(Timer timer, TimerTask task) {
            this.timer = timer;
            this.task = task;
        }

        void scheduled(ScheduledFuture<?> scheduled) {
            future.complete(scheduled);
        }

        @Override
        public void run() {
            expired = true;
            try {
                task.run(this);
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "Redis client timeout task failed", e);
            }
        }

        @Override
        public Timer timer() {
            return timer;
        }

        @Override
        public TimerTask task() {
            return task;
        }

        @Override
        public boolean isExpired() {
            return expired;
        }

        @Override
        public boolean isCancelled() {
            return future.join().isCancelled();
        }

        @Override
        public boolean cancel() {
            return future.join().cancel(false);
        }
    }
}

package dev.drift.agent.probe;

import dev.drift.agent.event.EventSink;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the probes every interval on one daemon thread, first right after {@link #start()}. A round
 * that fails to publish (the sink's spool is full) is logged and the next round runs as planned.
 */
public final class ProbeSchedule implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ProbeSchedule.class.getName());

    private final ProbeRunner runner;
    private final EventSink sink;
    private final String ciId;
    private final Duration interval;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "drift-agent-probes");
        t.setDaemon(true);
        return t;
    });

    public ProbeSchedule(ProbeRunner runner, EventSink sink, String ciId, Duration interval) {
        this.runner = runner;
        this.sink = sink;
        this.ciId = ciId;
        this.interval = interval;
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::round, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void round() {
        try {
            runner.runAndPublish(sink, ciId);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "probe round not published: {0}", e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

package dev.drift.agent.publish;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drift.agent.event.EventSink;
import dev.drift.agent.event.OutboundEvent;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Tells the service the agent is alive: every interval, starting at {@link #start}, an event on
 * {@value #STREAM} with the CI id, the number of watched paths, the spool depth and the time (see
 * {@code openapi/events/agent.heartbeat.schema.json}); the sink adds {@code seq} and {@code agent}.
 * Heartbeats go through the sink like any event, so during an outage they are spooled and arrive
 * late with their original times. A failed beat is logged and the next one comes on schedule.
 */
public final class Heartbeat implements AutoCloseable {
    public static final String STREAM = "agent.heartbeat";
    private static final System.Logger LOG = System.getLogger(Heartbeat.class.getName());

    private final EventSink sink;
    private final String ciId;
    private final IntSupplier watchedPaths;
    private final Duration interval;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final Runnable afterBeat;

    /**
     * @param sink         where heartbeats go; its {@link EventSink#pending()} is the spool depth
     * @param ciId         the node's CI id
     * @param watchedPaths how many paths the agent watches now
     * @param interval     time between heartbeats
     */
    public Heartbeat(EventSink sink, String ciId, IntSupplier watchedPaths, Duration interval, Clock clock) {
        this(sink, ciId, watchedPaths, interval, clock, () -> { });
    }

    /**
     * @param afterBeat run after each heartbeat the sink accepted (in Redis or spooled), e.g. to touch
     *                  the file a container health check looks at
     */
    public Heartbeat(EventSink sink, String ciId, IntSupplier watchedPaths, Duration interval, Clock clock,
                     Runnable afterBeat) {
        this.afterBeat = Objects.requireNonNull(afterBeat, "afterBeat");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.ciId = Objects.requireNonNull(ciId, "ciId");
        this.watchedPaths = Objects.requireNonNull(watchedPaths, "watchedPaths");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("heartbeat interval must be positive: " + interval);
        }
        this.executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("drift-heartbeat").daemon().factory());
    }

    /** Publishes a heartbeat now and then every interval, until {@link #close}. */
    public void start() {
        executor.scheduleAtFixedRate(this::beatSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void beatSafely() {
        try {
            beat();
        } catch (RuntimeException e) {
            // An exception would cancel the schedule, and the service would report the agent silent.
            LOG.log(Level.WARNING, "heartbeat not published: " + e.getMessage());
        }
    }

    /** Publishes one heartbeat. */
    void beat() {
        sink.publish(new OutboundEvent(STREAM, ciId, payload()));
        afterBeat.run();
    }

    ObjectNode payload() {
        return JsonNodeFactory.instance.objectNode()
                .put("ci_id", ciId)
                .put("watched_paths", watchedPaths.getAsInt())
                .put("spool_depth", sink.pending())
                .put("observed_at", clock.instant().toString());
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}

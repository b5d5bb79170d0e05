package dev.drift.agent.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drift.agent.event.EventSink;
import dev.drift.agent.event.OutboundEvent;
import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Publishes events to Redis streams, spooling them on disk while Redis is unreachable.
 *
 * <p>Each accepted event gets the next agent sequence number ({@code seq}) and the agent name
 * ({@code agent}) in its payload, then goes out as {@code XADD <stream> MAXLEN ~ <cap> * payload
 * <json> ci_id <ci>}. If the XADD fails or times out, or older events are still spooled, the event
 * is appended to the spool (fsynced) behind them instead, and a background replayer sends spooled
 * events in order, byte for byte, once Redis answers again; so events reach each stream in publish
 * order with their original {@code seq} and {@code observed_at}.
 *
 * <p>Guarantees: an event for which {@link #publish} returned is in Redis or in the spool, and
 * survives a kill -9. Sequence numbers only grow, across restarts too. Redis may receive an event
 * twice: after an XADD that timed out but was applied, or after a kill -9 between a replayed XADD
 * and the durable acknowledgement of its batch; consumers drop repeated {@code seq}s. Files live
 * in {@code <stateDirectory>/publish/}, which one sink at a time may use.
 */
public final class RedisSink implements EventSink {
    private static final System.Logger LOG = System.getLogger(RedisSink.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String agent;
    private final Path directory;
    private final DirectoryLock lock;
    private final SequenceCounter sequence;
    private final Spool spool;
    private final StreamWriter writer;
    private final SpoolReplayer replayer;

    /**
     * Opens the state directory (recovering the spool from a crash), and starts replaying whatever
     * the spool holds. Redis need not be reachable.
     *
     * @throws IllegalStateException if another sink uses the directory, or the counter is damaged
     */
    public RedisSink(PublishSettings settings) {
        this.agent = settings.agent();
        this.directory = createDirectory(settings.directory());
        this.lock = DirectoryLock.acquire(directory);
        try {
            this.sequence = SequenceCounter.open(directory);
            this.spool = Spool.open(directory, settings.spoolBound());
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        this.writer = new StreamWriter(RedisURI.create(settings.redisUri()), settings.commandTimeout(),
                settings.maxStreamLength());
        this.replayer = new SpoolReplayer(spool, writer, settings.replayInterval());
    }

    private static Path createDirectory(Path directory) {
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the publish state directory " + directory, e);
        }
    }

    /**
     * Stamps and delivers the event, or spools it; see the class comment. Safe to call from several
     * threads (the watcher and the heartbeat); calls are ordered as they take the sink's lock.
     *
     * @throws SinkFullException    if the spool is at its bound: the event is dropped and logged
     * @throws UncheckedIOException if the spool cannot be written: the event is not durable
     * @throws IllegalArgumentException if the event must be spooled but is over the spool's record
     *                                  limit of 64 MiB
     */
    @Override
    public synchronized void publish(OutboundEvent event) {
        StreamEntry entry = stamp(event);
        if (spool.isEmpty()) {
            if (writer.add(entry) instanceof Delivery.Failed failed) {
                LOG.log(Level.WARNING, "Redis did not take {0} ({1}); spooling events in {2} until it does",
                        entry, failed.reason(), directory);
            } else {
                return;
            }
        }
        spool.append(entry);
    }

    private StreamEntry stamp(OutboundEvent event) {
        long seq = sequence.next();
        ObjectNode payload = event.payload().deepCopy();
        payload.put("seq", seq);
        payload.put("agent", agent);
        try {
            return new StreamEntry(event.stream(), event.ciId(), seq, JSON.writeValueAsString(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("payload cannot be written as JSON", e);
        }
    }

    /** Events spooled and not yet confirmed by Redis. */
    @Override
    public long pending() {
        return spool.depth();
    }

    /** Events dropped because the spool was full, since this sink started. */
    public long dropped() {
        return spool.dropped();
    }

    /** Stops replaying and releases Redis and the directory; spooled events stay for the next start. */
    @Override
    public void close() {
        replayer.close();
        writer.close();
        spool.close();
        lock.close();
    }
}

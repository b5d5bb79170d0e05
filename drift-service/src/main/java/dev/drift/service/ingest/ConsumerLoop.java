package dev.drift.service.ingest;

import dev.drift.service.system.DriftMetrics;
import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.models.stream.PendingMessage;
import io.lettuce.core.Range;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XPendingArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer of the group, on its own thread and Redis connection.
 *
 * <p>Each round reads a batch with XREADGROUP, hands it to {@link EntryProcessor} and XACKs only
 * what the processor reports durable. The housekeeping consumer also, every
 * {@code claim-interval}, dead-letters entries delivered {@code max-deliveries} times and claims
 * entries left pending longer than {@code claim-idle} by any consumer (a crashed instance, or this
 * one after a failed batch) with XAUTOCLAIM; entries that failed only because PostgreSQL was away
 * get their delivery count reset, so an outage never makes them poison. {@link #stop()} ends the
 * loop after its current batch; unacknowledged entries stay pending for the next claim.
 *
 * <p>Field values are read as bytes and decoded by {@link StreamEntry#fromBytes}, so a value that
 * is not UTF-8 is told from one that holds U+FFFD.
 */
final class ConsumerLoop {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLoop.class);

    /** Stream names and field names as text, field values as bytes. */
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final StatefulRedisConnection<String, byte[]> connection;
    private final EntryProcessor processor;
    private final DeadLetters deadLetters;
    private final IngestWriter writer;
    private final IngestProperties properties;
    private final DriftMetrics metrics;
    private final String consumerName;
    private final boolean housekeeper;
    private Thread thread;
    private volatile boolean running;
    private long nextClaimAt;
    private long nextCleanupAt;

    ConsumerLoop(String consumerName, boolean housekeeper, RedisClient client, EntryProcessor processor,
                 DeadLetters deadLetters, IngestWriter writer, IngestProperties properties, DriftMetrics metrics) {
        this.consumerName = consumerName;
        this.housekeeper = housekeeper;
        this.connection = client.connect(CODEC);
        this.processor = processor;
        this.deadLetters = deadLetters;
        this.writer = writer;
        this.properties = properties;
        this.metrics = metrics;
    }

    void start() {
        running = true;
        thread = Thread.ofPlatform().name("ingest-" + consumerName).daemon().start(this::run);
        LOG.info("consuming {} in group {} as {}", properties.streams(), properties.group(), consumerName);
    }

    private void run() {
        boolean groupsReady = false;
        long backoffMillis = 0;
        while (running) {
            try {
                if (backoffMillis > 0) {
                    TimeUnit.MILLISECONDS.sleep(backoffMillis);
                }
                if (!groupsReady) {
                    createGroups();
                    groupsReady = true;
                }
                if (housekeeper) {
                    housekeeping();
                }
                readAndProcess();
                backoffMillis = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                metrics.ingestFailed("round", 1);
                backoffMillis = Math.min(Math.max(backoffMillis * 2, 100), 5_000);
                LOG.warn("ingest round failed, retrying in {} ms: {}", backoffMillis, e.getMessage());
            }
        }
    }

    private void createGroups() {
        RedisCommands<String, byte[]> redis = connection.sync();
        for (String stream : properties.streams()) {
            try {
                redis.xgroupCreate(XReadArgs.StreamOffset.from(stream, "0"), properties.group(),
                        XGroupCreateArgs.Builder.mkstream());
            } catch (RedisBusyException alreadyThere) {
                LOG.debug("group {} exists on {}", properties.group(), stream);
            }
        }
    }

    private void readAndProcess() {
        @SuppressWarnings("unchecked")
        XReadArgs.StreamOffset<String>[] offsets = properties.streams().stream()
                .map(XReadArgs.StreamOffset::lastConsumed).toArray(XReadArgs.StreamOffset[]::new);
        List<StreamMessage<String, byte[]>> messages = connection.sync().xreadgroup(
                Consumer.from(properties.group(), consumerName),
                XReadArgs.Builder.count(properties.batchSize()).block(properties.block()), offsets);
        if (messages != null && !messages.isEmpty()) {
            processAndAck(toEntries(messages));
        }
    }

    private void processAndAck(List<StreamEntry> entries) {
        EntryProcessor.Outcome outcome = processor.handle(entries);
        byStream(outcome.done()).forEach((stream, ids) ->
                connection.sync().xack(stream, properties.group(), ids.toArray(String[]::new)));
        byStream(outcome.awaitingDatabase()).forEach(this::forgiveDeliveries);
    }

    /**
     * Sets the delivery count of entries that failed only because PostgreSQL was unreachable back to
     * zero (XCLAIM RETRYCOUNT 0 to this consumer), so that an outage longer than
     * {@code max-deliveries} claims does not dead-letter them as poison. They stay pending and are
     * claimed again after {@code claim-idle}.
     */
    private void forgiveDeliveries(String stream, List<String> ids) {
        connection.sync().xclaim(stream, Consumer.from(properties.group(), consumerName),
                XClaimArgs.Builder.minIdleTime(0).retryCount(0).justid(), ids.toArray(String[]::new));
    }

    private static Map<String, List<String>> byStream(List<StreamEntry> entries) {
        Map<String, List<String>> byStream = new LinkedHashMap<>();
        entries.forEach(e -> byStream.computeIfAbsent(e.stream(), s -> new ArrayList<>()).add(e.id()));
        return byStream;
    }

    private void housekeeping() {
        long now = System.currentTimeMillis();
        if (now >= nextClaimAt) {
            nextClaimAt = now + properties.claimInterval().toMillis();
            properties.streams().forEach(this::deadLetterPoison);
            properties.streams().forEach(this::claimAbandoned);
        }
        if (now >= nextCleanupAt) {
            nextCleanupAt = now + Duration.ofHours(1).toMillis();
            int forgotten = writer.forgetProcessedBefore(properties.processedRetention());
            LOG.debug("forgot {} processed entry ids", forgotten);
        }
    }

    /** Entries delivered too often without being acknowledged go to the dead-letter stream. */
    private void deadLetterPoison(String stream) {
        RedisCommands<String, byte[]> redis = connection.sync();
        List<PendingMessage> pending = redis.xpending(stream, XPendingArgs.Builder
                .xpending(properties.group(), Range.unbounded(), Limit.from(properties.batchSize()))
                .idle(properties.claimIdle()));
        for (PendingMessage p : pending) {
            if (p.getRedeliveryCount() < properties.maxDeliveries()) {
                continue;
            }
            List<StreamMessage<String, byte[]>> found = redis.xrange(stream, Range.create(p.getId(), p.getId()));
            Map<String, byte[]> fields = found.isEmpty() ? Map.of() : found.get(0).getBody();
            StreamEntry entry = StreamEntry.fromBytes(stream, p.getId(), fields);
            deadLetters.write(List.of(new DeadLetters.DeadLetter(entry,
                    "poison: delivered " + p.getRedeliveryCount() + " times without being processed", p.getRedeliveryCount())));
            redis.xack(stream, properties.group(), p.getId());
        }
    }

    /** Takes over entries another consumer (or this one) left pending too long, and processes them. */
    private void claimAbandoned(String stream) {
        var claimed = connection.sync().xautoclaim(stream, XAutoClaimArgs.Builder
                .xautoclaim(Consumer.from(properties.group(), consumerName), properties.claimIdle(), "0-0")
                .count(properties.batchSize()));
        List<StreamMessage<String, byte[]>> messages = claimed.getMessages().stream()
                .filter(m -> m.getBody() != null && !m.getBody().isEmpty()).toList();
        if (!messages.isEmpty()) {
            LOG.info("claimed {} abandoned entries of {}", messages.size(), stream);
            processAndAck(toEntries(messages));
        }
    }

    private static List<StreamEntry> toEntries(List<StreamMessage<String, byte[]>> messages) {
        List<StreamEntry> entries = new ArrayList<>(messages.size());
        for (StreamMessage<String, byte[]> m : messages) {
            entries.add(StreamEntry.fromBytes(m.getStream(), m.getId(), m.getBody() == null ? Map.of() : m.getBody()));
        }
        return entries;
    }

    void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(properties.block().toMillis() + TimeUnit.SECONDS.toMillis(10));
        }
        if (connection != null) {
            connection.close();
        }
    }
}

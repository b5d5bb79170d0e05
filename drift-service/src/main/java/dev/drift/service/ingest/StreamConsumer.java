package dev.drift.service.ingest;

import dev.drift.service.system.DriftMetrics;
import io.lettuce.core.RedisClient;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Consumes the configured streams in one consumer group with {@code drift.ingest.consumers}
 * consumers ({@link ConsumerLoop}s), named {@code <consumer-name>-<n>}.
 *
 * <p>Lifecycle: on server start it creates the group on every stream (from the start of the
 * stream, MKSTREAM) through the first consumer, which also does the housekeeping (claims, poison
 * entries, forgetting old processed ids). On shutdown every consumer stops after its current batch.
 */
@Singleton
@Requires(property = "drift.ingest.enabled", value = "true", defaultValue = "true")
final class StreamConsumer implements ApplicationEventListener<ServerStartupEvent> {
    private final RedisClient client;
    private final EntryProcessor processor;
    private final DeadLetters deadLetters;
    private final IngestWriter writer;
    private final IngestProperties properties;
    private final DriftMetrics metrics;
    private final String consumerName;
    private final List<ConsumerLoop> loops = new ArrayList<>();

    StreamConsumer(RedisClient client, EntryProcessor processor, DeadLetters deadLetters, IngestWriter writer,
                   IngestProperties properties, DriftMetrics metrics) {
        this.client = client;
        this.processor = processor;
        this.deadLetters = deadLetters;
        this.writer = writer;
        this.properties = properties;
        this.metrics = metrics;
        this.consumerName = properties.consumerName() == null || properties.consumerName().isBlank()
                ? defaultConsumerName() : properties.consumerName();
    }

    @Override
    public synchronized void onApplicationEvent(ServerStartupEvent event) {
        if (!loops.isEmpty()) {
            return;
        }
        for (int i = 0; i < properties.consumers(); i++) {
            loops.add(new ConsumerLoop(consumerName + "-" + i, i == 0, client, processor, deadLetters, writer,
                    properties, metrics));
        }
        loops.forEach(ConsumerLoop::start);
    }

    private static String defaultConsumerName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "drift";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @PreDestroy
    synchronized void stop() throws InterruptedException {
        for (ConsumerLoop loop : loops) {
            loop.stop();
        }
    }
}

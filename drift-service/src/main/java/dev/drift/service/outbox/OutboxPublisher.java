package dev.drift.service.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drift.service.system.Database;
import dev.drift.service.system.IdempotentStreamWriter;
import dev.drift.service.system.NudgedWorker;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers outbox rows to Redis streams, in id order, exactly once per idempotency key.
 *
 * <p>Each round locks a batch of unpublished rows ({@code for update skip locked}, so several
 * instances can run publishers), appends them through {@link IdempotentStreamWriter} and marks them
 * published in the same transaction. A crash after the append and before the commit leaves the rows
 * unpublished; the next round appends them again and Redis drops the duplicates by key.
 */
@Singleton
public final class OutboxPublisher implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxPublisher.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SELECT = """
            select id, stream, idempotency_key, payload::text from outbox
             where published_at is null order by id limit ? for update skip locked""";

    private final Database database;
    private final IdempotentStreamWriter writer;
    private final OutboxProperties properties;
    private final NudgedWorker worker;

    OutboxPublisher(Database database, IdempotentStreamWriter writer, OutboxProperties properties) {
        this.database = database;
        this.writer = writer;
        this.properties = properties;
        this.worker = new NudgedWorker("outbox-publisher", properties.pollInterval(), this::drain);
    }

    /** Asks the publisher to look at the outbox now (call after committing messages). */
    public void nudge() {
        worker.nudge();
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        worker.start();
    }

    /** Publishes until the outbox is empty; returns how many messages were published. */
    public int drain() {
        int total = 0;
        int published;
        do {
            published = database.write(this::publishBatch);
            total += published;
        } while (published == properties.batchSize());
        return total;
    }

    private int publishBatch(Connection c) throws SQLException {
        List<Long> ids = new ArrayList<>();
        List<IdempotentStreamWriter.Append> appends = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT)) {
            ps.setInt(1, properties.batchSize());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                    appends.add(new IdempotentStreamWriter.Append(rs.getString(2), rs.getString(3),
                            entryFields(rs.getString(4))));
                }
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        writer.appendAll(appends, properties.dedupTtl(), properties.streamMaxLen());
        try (PreparedStatement ps = c.prepareStatement(
                "update outbox set published_at = now(), attempts = attempts + 1 where id = any(?)")) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            ps.executeUpdate();
        }
        return ids.size();
    }

    static Map<String, String> entryFields(String payloadJson) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("payload", payloadJson);
        try {
            JsonNode payload = JSON.readTree(payloadJson);
            for (String name : List.of("type", "drift_id", "ci_id")) {
                if (payload.hasNonNull(name)) {
                    fields.put(name, payload.get(name).asText());
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("outbox payload is not JSON", e);
        }
        return fields;
    }

    @PreDestroy
    void stop() throws InterruptedException {
        worker.stop();
    }
}

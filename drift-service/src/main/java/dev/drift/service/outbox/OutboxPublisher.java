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

/**
 * Delivers outbox rows to Redis streams, in id order, exactly once per idempotency key, and records
 * what was delivered.
 *
 * <p>Most rows are appended by {@link DirectPublication} as their transaction commits; every
 * {@code poll-interval} this publisher marks those published in bulk, then takes what is left:
 * rows whose direct append failed or was skipped (Redis away), rows of an instance that died after
 * its commit. Each such round locks a batch of unpublished rows ({@code for update skip locked}, so
 * several instances can run publishers), appends them through {@link IdempotentStreamWriter} and
 * marks them published in the same transaction. A crash after an append and before the commit that
 * marks it leaves the rows unpublished; the next round appends them again and Redis drops the
 * duplicates by key.
 */
@Singleton
public final class OutboxPublisher implements ApplicationEventListener<ServerStartupEvent> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MARK_BATCH = 5000;
    private static final String SELECT = """
            select id, stream, idempotency_key, payload::text from outbox
             where published_at is null order by id limit ? for update skip locked""";

    private final Database database;
    private final IdempotentStreamWriter writer;
    private final OutboxProperties properties;
    private final DirectPublication direct;
    private final NudgedWorker worker;

    OutboxPublisher(Database database, IdempotentStreamWriter writer, OutboxProperties properties,
                    DirectPublication direct) {
        this.database = database;
        this.writer = writer;
        this.properties = properties;
        this.direct = direct;
        this.worker = new NudgedWorker("outbox-publisher", properties.pollInterval(), this::drain);
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        worker.start();
    }

    /**
     * Marks what {@link DirectPublication} appended, then publishes until the outbox is empty;
     * returns how many messages this call appended or found appended.
     */
    public int drain() {
        markAppended();
        int total = 0;
        int published;
        do {
            published = database.write(this::publishBatch);
            total += published;
        } while (published == properties.batchSize());
        return total;
    }

    /** Records as published, in bulk, the rows appended on commit. */
    private void markAppended() {
        List<Long> ids;
        while (!(ids = direct.takeAppended(MARK_BATCH)).isEmpty()) {
            List<Long> batch = ids;
            try {
                database.write(c -> markPublished(c, batch));
            } catch (RuntimeException e) {
                direct.giveBack(batch);
                throw e;
            }
        }
    }

    private int publishBatch(Connection c) throws SQLException {
        List<Long> ids = new ArrayList<>();
        direct.inOrder(() -> {
            List<IdempotentStreamWriter.Append> appends = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(SELECT)) {
                ps.setInt(1, properties.batchSize());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                        if (!direct.isAppended(rs.getLong(1))) {
                            appends.add(new IdempotentStreamWriter.Append(rs.getString(2), rs.getString(3),
                                    entryFields(rs.getString(4))));
                        }
                    }
                }
            }
            if (!appends.isEmpty()) {
                writer.appendAll(appends, properties.dedupTtl(), properties.streamMaxLen());
            }
            return null;
        });
        if (ids.isEmpty()) {
            return 0;
        }
        markPublished(c, ids);
        direct.forget(ids);
        return ids.size();
    }

    private static int markPublished(Connection c, List<Long> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update outbox set published_at = now(), attempts = attempts + 1
                 where id = any(?) and published_at is null""")) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            return ps.executeUpdate();
        }
    }

    static Map<String, String> entryFields(String payloadJson) {
        try {
            return entryFields(payloadJson, JSON.readTree(payloadJson));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("outbox payload is not JSON", e);
        }
    }

    /** The entry's fields: the payload as text, and its {@code type}, {@code drift_id} and {@code ci_id}. */
    static Map<String, String> entryFields(String payloadJson, JsonNode payload) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("payload", payloadJson);
        for (String name : List.of("type", "drift_id", "ci_id")) {
            if (payload.hasNonNull(name)) {
                fields.put(name, payload.get(name).asText());
            }
        }
        return fields;
    }

    @PreDestroy
    void stop() throws InterruptedException {
        worker.stop();
    }
}

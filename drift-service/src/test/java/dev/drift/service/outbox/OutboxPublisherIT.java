package dev.drift.service.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drift.service.support.ServiceIT;
import dev.drift.service.system.Database;
import dev.drift.service.system.IdempotentStreamWriter;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once delivery of outbox messages when the publisher dies between appending to Redis and
 * recording the delivery in PostgreSQL.
 */
@MicronautTest(transactional = false)
class OutboxPublisherIT extends ServiceIT {
    private static final String STREAM = "drift.detected";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();


    @Inject
    Outbox outbox;

    @Inject
    OutboxPublisher publisher;

    @Inject
    IdempotentStreamWriter writer;

    @Inject
    Database database;

    @Override
    protected Map<String, String> overrides() {
        return Map.of("drift.ingest.enabled", "false", "drift.reconcile.enabled", "false");
    }



    @Test
    void messagesAppendedBeforeACrashArePublishedExactlyOnceAfterRestart() {
        List<OutboxMessage> messages = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            messages.add(message("crash-" + i));
        }
        database.write(c -> {
            outbox.enqueue(c, messages);
            return null;
        });
        // The publisher appended the first three, then died before marking them published.
        writer.appendAll(messages.subList(0, 3).stream().map(OutboxPublisherIT::append).toList(),
                Duration.ofMinutes(5), 10_000);

        publisher.drain();
        publisher.drain();

        for (OutboxMessage m : messages) {
            assertThat(streams.entriesFor(STREAM, m.payload().get("ci_id").asText())).as(m.idempotencyKey()).hasSize(1);
        }
        assertThat(unpublished()).isZero();
    }

    @Test
    void theSameTransitionEnqueuedTwiceIsPublishedOnce() throws Exception {
        OutboxMessage m = message("twice");
        database.write(c -> {
            outbox.enqueue(c, List.of(m));
            outbox.enqueue(c, List.of(m));
            return null;
        });

        publisher.drain();

        assertThat(streams.entriesFor(STREAM, "twice")).hasSize(1);
        Map<String, String> entry = streams.entriesFor(STREAM, "twice").get(0).getBody();
        assertThat(entry).containsEntry("type", "drift.detected").containsEntry("drift_id", "d-twice");
        assertThat(JSON.readTree(entry.get("payload"))).isEqualTo(m.payload());
    }

    private static OutboxMessage message(String ci) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("type", STREAM);
        payload.put("drift_id", "d-" + ci);
        payload.put("ci_id", ci);
        return new OutboxMessage(STREAM, "d-" + ci + ":detected", payload);
    }

    private static IdempotentStreamWriter.Append append(OutboxMessage m) {
        return new IdempotentStreamWriter.Append(m.stream(), m.idempotencyKey(),
                OutboxPublisher.entryFields(m.payload().toString()));
    }

    private long unpublished() {
        return database.read(c -> {
            try (var rs = c.createStatement().executeQuery("select count(*) from outbox where published_at is null")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}

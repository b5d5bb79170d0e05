package dev.drift.service.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drift.service.support.ServiceIT;
import dev.drift.service.system.Database;
import dev.drift.service.system.IdempotentStreamWriter;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Outbox delivery: appended as the transaction commits, in commit order, and exactly once when the
 * publisher dies between appending to Redis and recording the delivery in PostgreSQL.
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

    @Inject
    DirectPublication direct;

    @Override
    protected Map<String, String> overrides() {
        return Map.of("drift.ingest.enabled", "false", "drift.reconcile.enabled", "false");
    }



    @Test
    void messagesAreOnTheirStreamsWhenTheCommitReturnsAndAreMarkedPublishedLater() {
        List<OutboxMessage> messages = List.of(message("direct-1"), message("direct-2"));

        database.write(c -> {
            outbox.enqueue(c, messages);
            return null;
        });

        for (OutboxMessage m : messages) {
            assertThat(streams.entriesFor(STREAM, m.payload().get("ci_id").asText())).as(m.idempotencyKey()).hasSize(1);
        }
        publisher.drain();
        assertThat(unpublished()).isZero();
        assertThat(streams.entriesFor(STREAM, "direct-1")).hasSize(1);
    }

    @Test
    void aTransactionThatRollsBackPublishesNothing() {
        assertThatThrownBy(() -> database.write(c -> {
            outbox.enqueue(c, List.of(message("rolled-back")));
            throw new IllegalStateException("the transition failed");
        })).isInstanceOf(RuntimeException.class);

        publisher.drain();
        assertThat(streams.entriesFor(STREAM, "rolled-back")).isEmpty();
    }

    @Test
    void aCommitWaitsWhileThePublisherAppendsSoThatOlderMessagesGoFirst() throws Exception {
        CompletableFuture<Void> commit = new CompletableFuture<>();
        direct.inOrder(() -> {
            Thread.ofPlatform().start(() -> {
                database.write(c -> {
                    outbox.enqueue(c, List.of(message("ordered")));
                    return null;
                });
                commit.complete(null);
            });
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !commit.isDone());
            return null;
        });

        await().atMost(Duration.ofSeconds(5)).until(commit::isDone);
        assertThat(streams.entriesFor(STREAM, "ordered")).hasSize(1);
    }

    @Test
    void messagesAppendedBeforeACrashArePublishedExactlyOnceAfterRestart() throws Exception {
        List<OutboxMessage> messages = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            messages.add(message("crash-" + i));
        }
        // Committed outside the service's transactions: nothing is appended on commit, as when the
        // process dies between its commit and its append.
        try (Connection c = DriverManager.getConnection(property("datasources.default.url"),
                property("datasources.default.username"), property("datasources.default.password"))) {
            c.setAutoCommit(false);
            outbox.enqueue(c, messages);
            c.commit();
        }
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

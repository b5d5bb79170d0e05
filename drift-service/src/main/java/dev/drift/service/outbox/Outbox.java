package dev.drift.service.outbox;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;

/**
 * Writes messages into the {@code outbox} table on the caller's transaction. A message whose
 * idempotency key is already there is dropped, which makes a replayed transition harmless.
 * {@link OutboxPublisher} delivers them.
 */
@Singleton
public final class Outbox {

    public void enqueue(Connection connection, Collection<OutboxMessage> messages) throws SQLException {
        if (messages.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "insert into outbox (stream, idempotency_key, payload) values (?, ?, ?::jsonb) "
                        + "on conflict (idempotency_key) do nothing")) {
            for (OutboxMessage m : messages) {
                ps.setString(1, m.stream());
                ps.setString(2, m.idempotencyKey());
                ps.setString(3, m.payload().toString());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}

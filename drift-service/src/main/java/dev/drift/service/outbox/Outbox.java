package dev.drift.service.outbox;

import dev.drift.service.system.SqlArrays;
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
        SqlArrays rows = SqlArrays.text(3);
        messages.forEach(m -> rows.add(m.stream(), m.idempotencyKey(), m.payload().toString()));
        try (PreparedStatement ps = connection.prepareStatement("""
                insert into outbox (stream, idempotency_key, payload)
                select stream, key, payload::jsonb from unnest(?::text[], ?::text[], ?::text[]) as u(stream, key, payload)
                on conflict (idempotency_key) do nothing""")) {
            rows.bind(connection, ps, 1);
            ps.executeUpdate();
        }
    }
}

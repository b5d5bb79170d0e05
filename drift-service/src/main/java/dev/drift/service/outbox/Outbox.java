package dev.drift.service.outbox;

import dev.drift.service.system.IdempotentStreamWriter;
import dev.drift.service.system.SqlArrays;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes messages into the {@code outbox} table on the caller's transaction. A message whose
 * idempotency key is already there is dropped, which makes a replayed transition harmless.
 * The messages written are appended to Redis as soon as the transaction commits
 * ({@link DirectPublication}); {@link OutboxPublisher} delivers whatever that did not.
 */
@Singleton
public final class Outbox {
    private static final String INSERT = """
            insert into outbox (stream, idempotency_key, payload)
            select stream, key, payload::jsonb from unnest(?::text[], ?::text[], ?::text[]) as u(stream, key, payload)
            on conflict (idempotency_key) do nothing
            returning id, idempotency_key""";

    private final DirectPublication direct;

    Outbox(DirectPublication direct) {
        this.direct = direct;
    }

    public void enqueue(Connection connection, Collection<OutboxMessage> messages) throws SQLException {
        if (messages.isEmpty()) {
            return;
        }
        SqlArrays rows = SqlArrays.text(3);
        Map<String, IdempotentStreamWriter.Append> byKey = new HashMap<>();
        messages.forEach(m -> {
            String payload = m.payload().toString();
            rows.add(m.stream(), m.idempotencyKey(), payload);
            byKey.put(m.idempotencyKey(), new IdempotentStreamWriter.Append(m.stream(), m.idempotencyKey(),
                    OutboxPublisher.entryFields(payload, m.payload())));
        });
        List<DirectPublication.Row> inserted = new ArrayList<>(messages.size());
        try (PreparedStatement ps = connection.prepareStatement(INSERT)) {
            rows.bind(connection, ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    inserted.add(new DirectPublication.Row(rs.getLong(1), byKey.get(rs.getString(2))));
                }
            }
        }
        direct.afterCommit(inserted);
    }
}

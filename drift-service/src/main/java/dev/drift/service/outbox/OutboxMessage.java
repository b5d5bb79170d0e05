package dev.drift.service.outbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A message to append to a Redis stream once the transaction that wrote it commits.
 *
 * @param stream          the target stream
 * @param idempotencyKey  unique per message; derived from what caused it (e.g. {@code <drift-id>:detected}),
 *                        so the same transition can never produce two messages
 * @param payload         the JSON payload; its {@code type}, {@code drift_id} and {@code ci_id}
 *                        members are also copied to entry fields of the same names
 */
public record OutboxMessage(String stream, String idempotencyKey, ObjectNode payload) {
    public OutboxMessage {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(payload, "payload");
    }
}

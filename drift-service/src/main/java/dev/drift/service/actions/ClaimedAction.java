package dev.drift.service.actions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/**
 * An action the dispatcher leased for delivery. {@code attempts} counts this attempt.
 */
record ClaimedAction(long id, UUID driftId, ActionKind kind, String target, String transition,
                     String idempotencyKey, ObjectNode payload, int attempts) {
}

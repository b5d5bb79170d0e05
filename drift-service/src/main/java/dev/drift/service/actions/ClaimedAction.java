package dev.drift.service.actions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.UUID;

/**
 * An action the dispatcher leased for delivery. {@code attempts} counts this attempt;
 * {@code unconfirmed} is the message an earlier attempt began to send without recording the outcome.
 */
record ClaimedAction(long id, UUID driftId, ActionKind kind, String target, String transition,
                     String idempotencyKey, ObjectNode payload, int attempts,
                     Optional<UnconfirmedMessage> unconfirmed) {
}

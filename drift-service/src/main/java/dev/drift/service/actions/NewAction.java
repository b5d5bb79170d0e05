package dev.drift.service.actions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An action to record with the transition that causes it.
 *
 * @param idempotencyKey {@code <drift id>:<transition>:<target>}: a transition yields each action once
 * @param skippedBecause present: recorded as {@code skipped} with this reason (report-only mode,
 *                       approval required), so operators see what would have happened
 * @param dueAt          not delivered before
 * @param ifAnnounced    recorded only if the drift's opening was announced on the same target (a
 *                       resolution message goes where the opening went)
 */
record NewAction(UUID driftId, ActionKind kind, String target, String transition, String idempotencyKey,
                 ObjectNode payload, Optional<String> skippedBecause, Instant dueAt, boolean ifAnnounced) {
    NewAction {
        Objects.requireNonNull(driftId, "driftId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(transition, "transition");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(skippedBecause, "skippedBecause");
        Objects.requireNonNull(dueAt, "dueAt");
    }

    static NewAction due(UUID driftId, ActionKind kind, String target, String transition, ObjectNode payload,
                         Instant dueAt) {
        return new NewAction(driftId, kind, target, transition, driftId + ":" + transition + ":" + target, payload,
                Optional.empty(), dueAt, false);
    }

    NewAction skipped(String reason) {
        return new NewAction(driftId, kind, target, transition, idempotencyKey, payload, Optional.of(reason), dueAt,
                ifAnnounced);
    }

    NewAction onlyIfAnnounced() {
        return new NewAction(driftId, kind, target, transition, idempotencyKey, payload, skippedBecause, dueAt, true);
    }
}

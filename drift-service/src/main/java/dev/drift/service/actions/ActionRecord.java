package dev.drift.service.actions;

import java.time.Instant;
import java.util.UUID;

/**
 * An action as stored, for the API: what was (or will be) done about a drift, and how it went.
 *
 * @param state      pending, delivered, failed, skipped (report-only mode, approval required) or cancelled
 * @param resultJson the outcome as JSON text (the channel's reference, the ticket number, a run's
 *                   status and output); null until delivered
 */
public record ActionRecord(long id, UUID driftId, String kind, String target, String transition, String state,
                           int attempts, Instant dueAt, String lastError, String resultJson, Instant createdAt,
                           Instant completedAt) {
}

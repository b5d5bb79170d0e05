package dev.drift.service.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;
import java.util.UUID;

/**
 * A full sweep, started through the API or by the schedule ({@code GET /drift/reconcile/{id}}).
 *
 * @param status        {@code running}, {@code succeeded}, {@code failed}, or {@code interrupted}
 *                      (its instance stopped before it finished)
 * @param kind          {@code on_demand} or {@code scheduled} ({@link JobKind})
 * @param scheduledFor  the slot a scheduled job runs for; null on demand
 * @param instance      the service instance that runs it
 * @param cisTotal      CIs the sweep reconciles, known once their desired state is read (0 before)
 * @param cisDone       CIs reconciled so far
 * @param ledgerChanges drift opened, refreshed, reclassified or resolved so far
 * @param deferred      CIs whose desired state could not be read, handed to the reconcile workers
 * @param error         why it failed or was interrupted
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ReconcileJob(UUID jobId, String status, String kind, @Nullable Instant scheduledFor,
                           String instance, Instant startedAt, @Nullable Instant finishedAt, int cisTotal,
                           int cisDone, int ledgerChanges, int deferred, @Nullable String error) {
}

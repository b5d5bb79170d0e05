package dev.drift.service.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;
import java.util.UUID;

/**
 * A full sweep started through the API ({@code GET /drift/reconcile/{id}}).
 *
 * @param status        {@code running}, {@code succeeded} or {@code failed}
 * @param instance      the service instance that runs it
 * @param cisTotal      CIs the sweep reconciles, known once their desired state is read (0 before)
 * @param cisDone       CIs reconciled so far
 * @param ledgerChanges drift opened, refreshed, reclassified or resolved so far
 * @param deferred      CIs whose desired state could not be read, handed to the reconcile workers
 * @param error         why it failed
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ReconcileJob(UUID jobId, String status, String instance, Instant startedAt,
                           @Nullable Instant finishedAt, int cisTotal, int cisDone, int ledgerChanges, int deferred,
                           @Nullable String error) {
}

package dev.drift.service.api;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;
import java.util.UUID;

/** Answer to {@code POST /drift/reconcile}: the job started, always {@code running}. */
@Serdeable(naming = SnakeCaseStrategy.class)
record ReconcileStarted(UUID jobId, String status, Instant startedAt) {
}

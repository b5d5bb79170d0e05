package dev.drift.service.api;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.UUID;

/** Answer of {@code POST /drift/events/{id}/remediate}: the run is queued; follow it in the event's actions. */
@Serdeable(naming = SnakeCaseStrategy.class)
record RemediateAccepted(UUID driftId, String actionKey, boolean dryRun) {
}

package dev.drift.service.ledger;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.UUID;

/** One row of the append-only audit trail of a drift event. {@code detail} is a JSON object. */
@MappedEntity("drift_history")
public record DriftHistoryEntry(@Id Long id, UUID driftId, Instant at, @Nullable String fromStatus, String toStatus,
                                String actor, @TypeDef(type = DataType.JSON) String detail) {
}

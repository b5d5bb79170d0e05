package dev.drift.service.ledger;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.UUID;

/**
 * A drift event as stored. JSON columns ({@code desired_value}, {@code actual_value},
 * {@code desired_provenance}) are carried as JSON text; JSON {@code null} means absent.
 */
@MappedEntity("drift_event")
public record DriftEventRecord(
        @Id UUID id,
        String ciId,
        String ciType,
        String fieldPath,
        String category,
        @TypeDef(type = DataType.JSON) @Nullable String desiredValue,
        @TypeDef(type = DataType.JSON) @Nullable String actualValue,
        @TypeDef(type = DataType.JSON) String desiredProvenance,
        String actualSource,
        Instant actualObservedAt,
        String severity,
        String status,
        Instant firstDetectedAt,
        Instant lastSeenAt,
        int occurrenceCount,
        @Nullable Instant resolvedAt,
        @Nullable String resolvedBy,
        @Nullable String suppressedBy,
        @Nullable UUID policyId,
        @Nullable String changeRequest,
        @Nullable String incident,
        int remediationAttempts) {
}

package dev.drift.service.ledger;

import dev.drift.service.model.CiKey;
import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldValue;
import java.time.Instant;
import java.util.UUID;

/** The non-resolved drift event of one (CI, field), as the reconciler needs it. */
public record ActiveDrift(UUID id, CiKey ci, String ciType, FieldPath field, DriftStatus status, Severity severity,
                          FieldValue desired, FieldValue actual, String actualSource, Instant firstDetectedAt,
                          int occurrenceCount) {
}

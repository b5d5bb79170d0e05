package dev.drift.service.ledger;

import dev.drift.service.model.CiKey;
import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldValue;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The non-resolved drift event of one (CI, field), as the reconciler needs it.
 *
 * @param suppressedBy what makes it {@code excepted} or {@code expected} ({@code exception:<id>},
 *                     {@code change:<change id>}); empty for other statuses
 * @param policyId     the policy that applied when it opened (its actions and channels stay those);
 *                     empty for drift recorded before policies were kept
 */
public record ActiveDrift(UUID id, CiKey ci, String ciType, FieldPath field, DriftStatus status, Severity severity,
                         FieldValue desired, FieldValue actual, String actualSource, Instant firstDetectedAt,
                         int occurrenceCount, Optional<String> suppressedBy, Optional<UUID> policyId) {

    /** The same drift in another status (a transition's result). */
    public ActiveDrift withStatus(DriftStatus to, Optional<String> by) {
        return new ActiveDrift(id, ci, ciType, field, to, severity, desired, actual, actualSource, firstDetectedAt,
                occurrenceCount, by, policyId);
    }
}

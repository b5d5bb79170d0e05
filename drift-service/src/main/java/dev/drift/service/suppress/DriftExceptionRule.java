package dev.drift.service.suppress;

import dev.drift.service.model.CiKey;
import dev.drift.service.model.CiPattern;
import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldPattern;
import dev.drift.service.model.FieldValue;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An approved deviation: drift of the matching CIs and fields is recorded as {@code excepted} until
 * {@code expiresAt}, neither alerted nor remediated.
 *
 * @param allowedValue when present, only this actual value is excepted; any other value is drift
 * @param revokedAt    when an operator withdrew it; empty while it stands
 */
public record DriftExceptionRule(UUID id, CiPattern ci, FieldPattern field, Optional<FieldValue> allowedValue,
                                 String reason, String approvedBy, String createdBy, Instant createdAt,
                                 Instant expiresAt, Optional<Instant> revokedAt) {
    public DriftExceptionRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ci, "ci");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(allowedValue, "allowedValue");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(approvedBy, "approvedBy");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(revokedAt, "revokedAt");
    }

    /** In force at {@code now}: not revoked and not expired. */
    public boolean live(Instant now) {
        return revokedAt.isEmpty() && now.isBefore(expiresAt);
    }

    /** Whether it excepts this drift at {@code now}. */
    public boolean covers(CiKey ciKey, FieldPath path, FieldValue actual, Instant now) {
        return live(now) && ci.matches(ciKey) && field.matches(path)
                && allowedValue.map(actual::equals).orElse(true);
    }
}

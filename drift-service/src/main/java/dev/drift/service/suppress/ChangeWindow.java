package dev.drift.service.suppress;

import dev.drift.service.model.CiKey;
import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldPattern;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An approved change request for one CI: drift of its matching fields in {@code [startsAt, endsAt)}
 * is {@code expected}. When the window closes, whatever still differs from desired opens as drift.
 *
 * @param changeId the ITSM's id of the change (e.g. {@code CHG0030001}); unique
 * @param fields   the fields the change may touch; {@code *} for all
 */
public record ChangeWindow(UUID id, String changeId, CiKey ci, List<FieldPattern> fields, Instant startsAt,
                           Instant endsAt, String approvedBy, String createdBy, Instant createdAt) {
    public ChangeWindow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(changeId, "changeId");
        Objects.requireNonNull(ci, "ci");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(approvedBy, "approvedBy");
        fields = List.copyOf(fields);
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("a change window names at least one field pattern");
        }
        if (!endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("a change window must end after it starts");
        }
    }

    public boolean open(Instant now) {
        return !now.isBefore(startsAt) && now.isBefore(endsAt);
    }

    /** Whether it makes this drift expected at {@code now}. */
    public boolean covers(CiKey ciKey, FieldPath path, Instant now) {
        return open(now) && ci.equals(ciKey) && fields.stream().anyMatch(f -> f.matches(path));
    }
}

package dev.drift.service.suppress;

import dev.drift.service.model.CiKey;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An ITSM that drift can ask for approved changes (ServiceNow), so change windows need not be
 * pushed to {@code POST /drift/changes}. {@link ChangeSync} polls it.
 *
 * <p>Throws {@link dev.drift.service.system.DriftException.Retryable} when the ITSM is unreachable
 * (the next poll tries again) and {@link dev.drift.service.system.DriftException.Terminal} when it
 * refuses the query.
 */
public interface ChangeSource {

    /** Approved changes of named CIs whose window overlaps {@code [from, to)}. */
    List<ApprovedChange> approvedChanges(Instant from, Instant to);

    /** One approved change of one CI; it may touch any field of the CI. */
    record ApprovedChange(String changeId, CiKey ci, Instant startsAt, Instant endsAt) {
        public ApprovedChange {
            Objects.requireNonNull(changeId, "changeId");
            Objects.requireNonNull(ci, "ci");
            Objects.requireNonNull(startsAt, "startsAt");
            Objects.requireNonNull(endsAt, "endsAt");
        }
    }
}

package dev.drift.service.compliance;

import dev.drift.service.model.CiKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One check of one machine against one pack, as stored in {@code compliance_check}.
 *
 * @param packVersion the version of the pack checked, or {@value #NOT_LOADED} when the pack assigned to
 *                    the machine is not loaded (the verdict is then unknown)
 * @param jobId       the reconcile job of the sweep that made the check; empty when none
 */
record PackCheck(CiKey ci, String pack, String packVersion, PackVerdict verdict, Duration took, Instant checkedAt,
                 Optional<UUID> jobId) {
    static final String NOT_LOADED = "-";

    PackCheck {
        Objects.requireNonNull(ci, "ci");
        Objects.requireNonNull(pack, "pack");
        Objects.requireNonNull(packVersion, "packVersion");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(took, "took");
        Objects.requireNonNull(checkedAt, "checkedAt");
        Objects.requireNonNull(jobId, "jobId");
    }

    Verdict stored() {
        return Verdict.of(verdict);
    }

    List<Mismatch> mismatches() {
        return verdict instanceof PackVerdict.NonCompliant n ? n.mismatches() : List.of();
    }

    Optional<String> reason() {
        return verdict instanceof PackVerdict.Unknown u ? Optional.of(u.reason()) : Optional.empty();
    }
}

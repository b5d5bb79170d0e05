package dev.drift.service.compliance;

import java.util.Objects;
import java.util.Optional;

/**
 * What the checks so far say of one machine and pack ({@code compliance_state}).
 *
 * @param lastVerdict the newest check's verdict
 * @param lastJudged  the newest verdict that judged the machine, compliant or non-compliant (unknown
 *                    checks, such as those of a silent agent, are skipped); empty when none ever did
 */
record PackState(Verdict lastVerdict, Optional<Verdict> lastJudged) {
    PackState {
        Objects.requireNonNull(lastVerdict, "lastVerdict");
        Objects.requireNonNull(lastJudged, "lastJudged");
    }

    /** Whether the machine was compliant on its previous judged check of the pack. */
    boolean wasCompliant() {
        return lastJudged.equals(Optional.of(Verdict.COMPLIANT));
    }
}

package dev.drift.service.suppress;

import dev.drift.service.ledger.ActiveDrift;
import dev.drift.service.ledger.DriftStatus;
import dev.drift.service.ledger.LedgerChange;
import java.util.Optional;
import java.util.UUID;

/** Why a drift is recorded but not acted on: an approved exception, or an approved change window. */
public sealed interface Suppression {

    /** The status such a drift has. */
    DriftStatus status();

    /** How it is stored on the drift ({@code suppressed_by}): {@code exception:<id>} or {@code change:<change id>}. */
    String ref();

    /**
     * What a change of cover does to a drift that is still active: covered now (or by another
     * exception or change) reclassifies it as {@code excepted}/{@code expected}; no longer covered
     * reopens it ({@code open}, which tells people as an opening does); an unchanged cover does nothing.
     */
    static Optional<LedgerChange> reclassification(ActiveDrift existing, Optional<Suppression> cover) {
        if (cover.isPresent()) {
            Suppression c = cover.get();
            boolean same = existing.status() == c.status() && existing.suppressedBy().equals(Optional.of(c.ref()));
            return same ? Optional.empty()
                    : Optional.of(new LedgerChange.Reclassify(existing, c.status(), Optional.of(c.ref())));
        }
        return existing.status().suppressed()
                ? Optional.of(new LedgerChange.Reclassify(existing, DriftStatus.OPEN, Optional.empty()))
                : Optional.empty();
    }

    /** An approved, unexpired exception covers the drift: {@code excepted}. */
    record Excepted(UUID exceptionId) implements Suppression {
        @Override
        public DriftStatus status() {
            return DriftStatus.EXCEPTED;
        }

        @Override
        public String ref() {
            return "exception:" + exceptionId;
        }
    }

    /** An approved change is in its window for the CI and field: {@code expected}. */
    record Expected(String changeId) implements Suppression {
        @Override
        public DriftStatus status() {
            return DriftStatus.EXPECTED;
        }

        @Override
        public String ref() {
            return "change:" + changeId;
        }
    }
}

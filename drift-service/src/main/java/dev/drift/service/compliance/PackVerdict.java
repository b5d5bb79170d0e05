package dev.drift.service.compliance;

import java.util.List;
import java.util.Objects;

/** The outcome of judging one CI against one {@link Pack}. */
public sealed interface PackVerdict {

    /** Every item was checked and passed. */
    record Compliant() implements PackVerdict {
    }

    /** At least one item definitely fails; every failing item, in the pack's item order. */
    record NonCompliant(List<Mismatch> mismatches) implements PackVerdict {
        public NonCompliant {
            mismatches = List.copyOf(mismatches);
            if (mismatches.isEmpty()) {
                throw new IllegalArgumentException("a non-compliant verdict needs at least one mismatch");
            }
        }
    }

    /**
     * No item fails, but compliance cannot be told: the facts are stale or missing, or some items
     * could not be checked ({@code reason} names them and why). Never to be read as compliant.
     */
    record Unknown(String reason) implements PackVerdict {
        public Unknown {
            Objects.requireNonNull(reason, "reason");
        }
    }
}

package dev.drift.service.diff;

import dev.drift.service.model.FieldValue;

/**
 * Turns a raw {@link FieldValue} into a {@link Canonical} form so that values which mean the same
 * thing compare equal ("running" and "on", "8 GiB" and 8192). Implementations are pure and
 * stateless: they never mutate or retain the input and never throw for bad input; they return
 * {@link Normalized.Failed} instead.
 */
interface FieldNormalizer {

    /** What the normalizer understands values as, for failure reasons ("power state", "size in MB"). */
    String kind();

    /** Normalizes an observed (actual) value. */
    Normalized normalize(FieldValue value);

    /**
     * Normalizes a desired value. Desired values may carry intent an observation never does (such
     * as "any version"); by default both sides are read alike.
     */
    default Normalized normalizeDesired(FieldValue value) {
        return normalize(value);
    }
}

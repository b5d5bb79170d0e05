package dev.drift.service.diff;

import dev.drift.service.model.FieldValue;
import java.util.Objects;

/**
 * The comparable form a normalizer turns a raw value into. Comparison is a separate step from
 * normalization: the desired side decides whether an actual canonical form satisfies it.
 */
sealed interface Canonical {

    /** The canonical form of "known not to exist", shared by every normalizer. */
    Canonical ABSENT = new Exact(FieldValue.Absent.INSTANCE);

    /** Whether this (desired) form is satisfied by the given actual form. */
    boolean accepts(Canonical actual);

    /**
     * A value that must be matched exactly. {@code form} is a value object with a meaningful
     * {@code equals}: a string, a boolean, a {@link java.math.BigDecimal} without trailing zeros, a
     * list or {@link FieldValue.Absent}.
     */
    record Exact(Object form) implements Canonical {
        public Exact {
            Objects.requireNonNull(form, "form");
        }

        @Override
        public boolean accepts(Canonical actual) {
            return equals(actual);
        }
    }

    /**
     * A desired-side wildcard: any value is fine as long as the thing exists ("package present,
     * whatever the version").
     */
    record AnyPresent() implements Canonical {
        @Override
        public boolean accepts(Canonical actual) {
            return actual instanceof Exact && !ABSENT.equals(actual);
        }
    }
}

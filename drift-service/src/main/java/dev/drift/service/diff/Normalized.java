package dev.drift.service.diff;

import java.util.Objects;

/**
 * The outcome of normalizing one value: a canonical form, or the reason there is none. A failure
 * makes the field's verdict unknown; it never counts as "no drift".
 */
sealed interface Normalized {

    static Normalized exact(Object form) {
        return new Ok(new Canonical.Exact(form));
    }

    static Normalized absent() {
        return new Ok(Canonical.ABSENT);
    }

    static Normalized failed(String reason) {
        return new Failed(reason);
    }

    /** The value was understood. */
    record Ok(Canonical value) implements Normalized {
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The value could not be understood; {@code reason} says why, for an operator. */
    record Failed(String reason) implements Normalized {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}

package dev.drift.service.model;

import java.time.Instant;
import java.util.Objects;

/** The latest knowledge of one field of a CI's actual state. */
public sealed interface ActualReading {

    /**
     * The field's last observed value.
     *
     * @param source        where it came from, e.g. {@code vm.power_changed/1700000000000-0}
     * @param observedAt    when the source observed it
     */
    record Known(FieldValue value, String source, Instant observedAt) implements ActualReading {
        public Known {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(observedAt, "observedAt");
        }
    }

    /** Nothing trustworthy is known: never observed, or reported changed without a value. */
    record Unknown(String reason) implements ActualReading {
        public Unknown {
            Objects.requireNonNull(reason, "reason");
        }
    }
}

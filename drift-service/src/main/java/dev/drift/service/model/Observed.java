package dev.drift.service.model;

import java.util.Objects;

/** What an event says about one field: a value, or that it changed to something not reported. */
public sealed interface Observed {

    /** The field was seen with this value. */
    record Value(FieldValue value) implements Observed {
        public Value {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * The field changed but the event does not carry its new value (for example a bare inotify
     * MODIFY without a hash). Whatever was known before is stale: the diff reports it as unknown.
     */
    record Unknown(String reason) implements Observed {
        public Unknown {
            Objects.requireNonNull(reason, "reason");
        }
    }
}

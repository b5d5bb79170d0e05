package dev.drift.service.ingest;

import dev.drift.service.model.StreamEvent;
import java.util.Objects;

/**
 * The outcome of decoding one stream entry: a valid event, or the reason it cannot be used. An
 * invalid entry never becomes valid by retrying, so its reason is what a dead letter records.
 */
public sealed interface Decoded {

    /** The entry is well formed and concerns one CI. */
    record Valid(StreamEvent event) implements Decoded {
        public Valid {
            Objects.requireNonNull(event, "event");
        }
    }

    /**
     * The entry cannot be used.
     *
     * @param reason what is wrong, specific enough for an operator reading a dead letter
     */
    record Invalid(String reason) implements Decoded {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
        }
    }
}

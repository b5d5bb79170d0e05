package dev.drift.agent.baseline;

import java.util.Objects;
import java.util.Optional;

/**
 * A file as just read: the state to keep as its baseline, and its text for the settings parser.
 * The text is present for a sensitive file too (the shadow user list is parsed from it), so it is
 * held only while the change is handled and never stored or logged.
 *
 * @param state the state (content already withheld when sensitive)
 * @param text  the whole text when the file is text and within the size bound
 */
public record Observation(FileState state, Optional<String> text) {
    public Observation {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(text, "text");
    }

    @Override
    public String toString() {
        return "Observation[" + state + "]";
    }
}

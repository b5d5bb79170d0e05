package dev.drift.agent.change;

import dev.drift.agent.baseline.FileState;
import java.util.Locale;
import java.util.Optional;

/** The {@code change} member of {@code drift.file_changed}. */
public enum ChangeKind {
    /** The content changed (attributes may have too). */
    MODIFIED,
    CREATED,
    DELETED,
    /** Only mode, owner or group changed. */
    ATTRIBUTES,
    /** Unchanged since the baseline; reported once after the startup scan. */
    SNAPSHOT;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The change from the baseline to now; empty when nothing that is reported changed. */
    static Optional<ChangeKind> between(Optional<FileState> before, Optional<FileState> now) {
        if (before.isEmpty()) {
            return now.map(n -> CREATED);
        }
        if (now.isEmpty()) {
            return Optional.of(DELETED);
        }
        if (!before.get().sameContent(now.get())) {
            return Optional.of(MODIFIED);
        }
        return before.get().sameAttributes(now.get()) ? Optional.empty() : Optional.of(ATTRIBUTES);
    }
}

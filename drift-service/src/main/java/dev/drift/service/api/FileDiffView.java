package dev.drift.service.api;

import dev.drift.service.actual.FileDiffs;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;

/** The latest unified diff of a drifted file, with the observation it came with. */
@Serdeable(naming = SnakeCaseStrategy.class)
record FileDiffView(String unified, Instant observedAt, String source) {
    static FileDiffView of(FileDiffs.FileDiff d) {
        return new FileDiffView(d.text(), d.observedAt(), d.source());
    }
}

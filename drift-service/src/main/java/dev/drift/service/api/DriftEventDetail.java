package dev.drift.service.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.List;

/**
 * A drift event with its full history and the actions taken about it; {@code diff} is the latest
 * unified diff the agent reported for the file the field belongs to (null for other fields, for
 * sensitive files, and when none was reported).
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
record DriftEventDetail(DriftEventView event, @Nullable FileDiffView diff, List<HistoryView> history,
                        List<ActionView> actions) {
}

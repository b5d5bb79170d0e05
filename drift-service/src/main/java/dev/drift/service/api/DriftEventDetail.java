package dev.drift.service.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.List;

/** A drift event with its full history and the actions taken about it. */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
record DriftEventDetail(DriftEventView event, List<HistoryView> history, List<ActionView> actions) {
}

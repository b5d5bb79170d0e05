package dev.drift.service.api;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.List;

/** A drift event with its full history. */
@Serdeable(naming = SnakeCaseStrategy.class)
record DriftEventDetail(DriftEventView event, List<HistoryView> history) {
}

package dev.drift.service.api;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.List;

/** One page of drift events, newest first, with the total number of matches. */
@Serdeable(naming = SnakeCaseStrategy.class)
record DriftEventPage(List<DriftEventView> items, int page, int size, long total, int totalPages) {
}

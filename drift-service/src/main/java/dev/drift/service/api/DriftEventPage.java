package dev.drift.service.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.List;

/** One page of drift events, newest first, with the total number of matches. */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
record DriftEventPage(List<DriftEventView> items, int page, int size, long total, int totalPages) {
}

package dev.drift.service.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.List;

/**
 * One page of drift events with the number of matches, counted up to {@code drift.api.count-limit}.
 *
 * @param totalExact false when more than {@code total} events match
 * @param nextCursor pass as {@code cursor} (with the same filters and sort) for the events after
 *                   this page; null when there are none
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
record DriftEventPage(List<DriftEventView> items, int page, int size, long total, boolean totalExact, int totalPages,
                      @Nullable String nextCursor) {
}

package dev.drift.service.api;

import dev.drift.service.report.EventFilter;
import dev.drift.service.report.EventSort;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.QueryValue;

/**
 * The query parameters that select and order drift events, shared by the list and the export.
 * Checked by {@link #filter()} and {@link #order()}, whose failures are 400 problems.
 */
@Introspected
record EventParams(@Nullable @QueryValue String status, @Nullable @QueryValue String ci,
                   @Nullable @QueryValue("ci_type") String ciType, @Nullable @QueryValue String category,
                   @Nullable @QueryValue String severity, @Nullable @QueryValue String field,
                   @Nullable @QueryValue String since, @Nullable @QueryValue String until,
                   @Nullable @QueryValue String sort) {

    EventFilter filter() {
        return JsonBodies.valid(() -> EventFilter.parse(status, ci, ciType, category, severity, field, since, until));
    }

    EventSort order() {
        return sort == null ? EventSort.DEFAULT : JsonBodies.valid(() -> EventSort.fromWire(sort));
    }
}

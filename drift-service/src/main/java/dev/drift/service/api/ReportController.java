package dev.drift.service.api;

import dev.drift.service.report.DriftReport;
import dev.drift.service.report.Reports;
import dev.drift.service.report.Timeline;
import dev.drift.service.report.Times;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Aggregates for dashboards: {@code GET /drift/report} ({@link DriftReport}) and
 * {@code GET /drift/report/timeline} ({@link Timeline}). Times are RFC 3339; ranges are
 * [since, until), until defaulting to now.
 */
@Controller("/drift/report")
@ExecuteOn(TaskExecutors.BLOCKING)
final class ReportController {
    private final Reports reports;

    ReportController(Reports reports) {
        this.reports = reports;
    }

    /** Counts of the events first detected in the range, and their mean time to resolve. */
    @Get
    DriftReport report(@QueryValue @Nullable String since, @QueryValue @Nullable String until) {
        Instant from = JsonBodies.valid(() -> Times.parse("since", since));
        Instant to = until == null ? now() : JsonBodies.valid(() -> Times.parse("until", until));
        return JsonBodies.valid(() -> reports.report(from, to));
    }

    /**
     * Opened and resolved per hour or day, at most {@link Timeline#MAX_BUCKETS} buckets; since
     * defaults to a day (hour) or 30 days (day) before until.
     */
    @Get("/timeline")
    Timeline timeline(@QueryValue(defaultValue = "hour") String bucket, @QueryValue @Nullable String since,
                      @QueryValue @Nullable String until) {
        Timeline.Bucket size = JsonBodies.valid(() -> Timeline.Bucket.fromWire(bucket));
        Instant to = until == null ? now() : JsonBodies.valid(() -> Times.parse("until", until));
        Instant from = since == null ? to.minus(size.defaultSpan()) : JsonBodies.valid(() -> Times.parse("since", since));
        return JsonBodies.valid(() -> reports.timeline(size, from, to));
    }

    /** Microseconds, as PostgreSQL keeps them, so the range shown is the range counted. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}

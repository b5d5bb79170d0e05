package dev.drift.service.report;

import dev.drift.service.ledger.DriftStatus;
import dev.drift.service.ledger.Severity;
import dev.drift.service.model.Category;
import dev.drift.service.system.Database;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Aggregates over the drift ledger: {@link DriftReport}s and {@link Timeline}s. */
@Singleton
public final class Reports {
    private static final String COUNTS = """
            select case when grouping(ci_type) = 0 then 'ci_type' when grouping(category) = 0 then 'category'
                        when grouping(severity) = 0 then 'severity' else 'status' end,
                   coalesce(ci_type, category, severity, status), count(*)
              from drift_event where first_detected_at >= ? and first_detected_at < ?
             group by grouping sets ((ci_type), (category), (severity), (status))""";
    private static final String MEANS = """
            select severity, count(*), avg(extract(epoch from resolved_at - first_detected_at))::float8
              from drift_event
             where first_detected_at >= ? and first_detected_at < ? and status = 'resolved'
             group by rollup (severity)""";
    private static final String TIMELINE = """
            select date_trunc(?, first_detected_at, 'UTC'), count(*), 0 from drift_event
             where first_detected_at >= ? and first_detected_at < ? group by 1
            union all
            select date_trunc(?, resolved_at, 'UTC'), 0, count(*) from drift_event
             where resolved_at >= ? and resolved_at < ? group by 1""";
    /** Earlier than any drift event: the lower bound of a report without {@code since}. */
    private static final Instant BEGINNING = Instant.parse("1970-01-01T00:00:00Z");

    private final Database database;

    Reports(Database database) {
        this.database = database;
    }

    /** The report of events first detected in [since, until); since null means from the beginning. */
    public DriftReport report(@Nullable Instant since, Instant until) {
        Times.checkOrder(since, until);
        Instant from = since == null ? BEGINNING : since;
        return database.read(c -> {
            Map<String, Map<String, Long>> counts = counts(c, from, until);
            Map<String, Long> byStatus = counts.get("status");
            return new DriftReport(since, until, byStatus.values().stream().mapToLong(Long::longValue).sum(),
                    counts.get("ci_type"), counts.get("category"), counts.get("severity"), byStatus,
                    means(c, from, until));
        });
    }

    private static Map<String, Map<String, Long>> counts(Connection c, Instant from, Instant until)
            throws SQLException {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        counts.put("ci_type", new TreeMap<>());
        counts.put("category", zeros(Category.values(), Category::wireName));
        counts.put("severity", zeros(Severity.values(), Severity::wireName));
        counts.put("status", zeros(DriftStatus.values(), DriftStatus::wireName));
        try (PreparedStatement ps = c.prepareStatement(COUNTS)) {
            bindRange(ps, 1, from, until);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.get(rs.getString(1)).put(rs.getString(2), rs.getLong(3));
                }
            }
        }
        return counts;
    }

    private static DriftReport.MeanTimeToResolve means(Connection c, Instant from, Instant until) throws SQLException {
        Map<String, DriftReport.Mean> bySeverity = new LinkedHashMap<>();
        Arrays.stream(Severity.values()).forEach(s -> bySeverity.put(s.wireName(), new DriftReport.Mean(0, null)));
        DriftReport.Mean overall = new DriftReport.Mean(0, null);
        try (PreparedStatement ps = c.prepareStatement(MEANS)) {
            bindRange(ps, 1, from, until);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    DriftReport.Mean mean = new DriftReport.Mean(rs.getLong(2),
                            rs.getObject(3) == null ? null : rs.getDouble(3));
                    if (rs.getString(1) == null) {
                        overall = mean;
                    } else {
                        bySeverity.put(rs.getString(1), mean);
                    }
                }
            }
        }
        return new DriftReport.MeanTimeToResolve(overall.resolved(), overall.meanSeconds(), bySeverity);
    }

    /**
     * Events opened (first detected) and resolved in each bucket of [since, until); every bucket is
     * present, the first one starting at since truncated to the bucket. Throws
     * {@link dev.drift.service.system.InvalidInput} for more than {@link Timeline#MAX_BUCKETS}.
     */
    public Timeline timeline(Timeline.Bucket bucket, Instant since, Instant until) {
        Times.checkOrder(since, until);
        Map<Instant, long[]> counts = new LinkedHashMap<>();
        bucket.starts(since, until).forEach(start -> counts.put(start, new long[2]));
        database.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(TIMELINE)) {
                ps.setString(1, bucket.wireName());
                bindRange(ps, 2, since, until);
                ps.setString(4, bucket.wireName());
                bindRange(ps, 5, since, until);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long[] n = counts.get(rs.getObject(1, OffsetDateTime.class).toInstant());
                        if (n != null) {
                            n[0] += rs.getLong(2);
                            n[1] += rs.getLong(3);
                        }
                    }
                }
            }
            return null;
        });
        return new Timeline(bucket.wireName(), since, until, counts.entrySet().stream()
                .map(e -> new Timeline.Point(e.getKey(), e.getValue()[0], e.getValue()[1])).toList());
    }

    private static void bindRange(PreparedStatement ps, int index, Instant from, Instant until) throws SQLException {
        ps.setObject(index, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
        ps.setObject(index + 1, OffsetDateTime.ofInstant(until, ZoneOffset.UTC));
    }

    private static <E> Map<String, Long> zeros(E[] values, Function<E, String> wire) {
        Map<String, Long> zeros = new LinkedHashMap<>();
        Arrays.stream(values).forEach(v -> zeros.put(wire.apply(v), 0L));
        return zeros;
    }
}

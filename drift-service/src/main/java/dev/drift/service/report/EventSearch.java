package dev.drift.service.report;

import dev.drift.service.ledger.DriftEventRecord;
import dev.drift.service.system.Database;
import dev.drift.service.system.InvalidInput;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Filtered, sorted reads of the drift ledger for the API: pages (by offset or by keyset cursor) and
 * exports. Every order ends with the id, so pages never overlap or skip rows whatever ties the sort
 * key has; the V6 indexes serve the default and common orders.
 */
@Singleton
public final class EventSearch {
    private static final String COLUMNS = """
            id, ci_id, ci_type, field_path, category, desired_value::text, actual_value::text,
            desired_provenance::text, actual_source, actual_observed_at, severity, status, first_detected_at,
            last_seen_at, occurrence_count, resolved_at, resolved_by, suppressed_by, policy_id, change_request,
            incident, remediation_attempts""";
    private static final int EXPORT_FETCH_SIZE = 1000;

    private final Database database;

    EventSearch(Database database) {
        this.database = database;
    }

    /**
     * One page of events and the number of matches, counted up to a limit.
     *
     * @param total      the number of matches, or the count limit when more match
     * @param totalExact false when more than {@code total} match
     * @param nextCursor continues after the last event, null when no event follows
     */
    public record Page(List<DriftEventRecord> events, long total, boolean totalExact, @Nullable String nextCursor) {
    }

    /**
     * The events matching the filter in the given order, after the cursor when there is one,
     * skipping {@code offset} rows; matches are counted up to {@code countLimit}.
     */
    public Page page(EventFilter filter, EventSort sort, @Nullable EventCursor after, long offset, int size,
                     int countLimit) {
        EventFilter.Where where = filter.where();
        return database.read(c -> {
            long counted = count(c, where, countLimit + 1L);
            long total = Math.min(counted, countLimit);
            List<DriftEventRecord> rows = new ArrayList<>();
            select(c, where, sort, after, offset, size + 1L, rows::add);
            String next = null;
            if (rows.size() > size) {
                rows.remove(size);
                next = EventCursor.after(sort, rows.get(size - 1)).encode();
            }
            return new Page(rows, total, counted <= countLimit, next);
        });
    }

    /**
     * Hands every matching event, in order, to the sink, reading {@value #EXPORT_FETCH_SIZE} rows at
     * a time; returns how many. Throws {@link InvalidInput} when more than {@code max} match, after
     * having handed over {@code max} of them.
     */
    public int export(EventFilter filter, EventSort sort, int max, Consumer<DriftEventRecord> sink) {
        EventFilter.Where where = filter.where();
        int count = database.read(c -> select(c, where, sort, null, 0, max + 1L, new Consumer<>() {
            private int seen;

            @Override
            public void accept(DriftEventRecord event) {
                if (++seen <= max) {
                    sink.accept(event);
                }
            }
        }));
        if (count > max) {
            throw new InvalidInput("export", "more than " + max
                    + " events match; narrow the export with filters such as since and until");
        }
        return count;
    }

    /** Matches, counted up to {@code limit}: the scan stops there. */
    private static long count(Connection c, EventFilter.Where where, long limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select count(*) from (select 1 from drift_event where " + where.sql() + " limit ?) matches")) {
            int index = bind(ps, 1, where.params());
            ps.setLong(index, limit);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static int select(Connection c, EventFilter.Where where, EventSort sort, @Nullable EventCursor after,
                              long offset, long limit, Consumer<DriftEventRecord> sink) throws SQLException {
        String sql = "select " + COLUMNS + " from drift_event where " + where.sql()
                + (after == null ? "" : " and " + sort.after())
                + " order by " + sort.orderBy() + " limit ? offset ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(EXPORT_FETCH_SIZE);
            int index = bind(ps, 1, where.params());
            if (after != null) {
                ps.setObject(index++, sort.keyValue(after.key()));
                ps.setObject(index++, after.id());
            }
            ps.setLong(index++, limit);
            ps.setLong(index, offset);
            int rows = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(record(rs));
                    rows++;
                }
            }
            return rows;
        }
    }

    /** Binds the parameters from {@code index} on; returns the next free index. */
    private static int bind(PreparedStatement ps, int index, List<Object> params) throws SQLException {
        for (Object param : params) {
            ps.setObject(index++, param instanceof Instant at ? OffsetDateTime.ofInstant(at, ZoneOffset.UTC) : param);
        }
        return index;
    }

    private static DriftEventRecord record(ResultSet rs) throws SQLException {
        return new DriftEventRecord(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), instant(rs, 10),
                rs.getString(11), rs.getString(12), instant(rs, 13), instant(rs, 14), rs.getInt(15), instant(rs, 16),
                rs.getString(17), rs.getString(18), rs.getObject(19, UUID.class), rs.getString(20), rs.getString(21),
                rs.getInt(22));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }
}

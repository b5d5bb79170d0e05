package dev.drift.service.actual;

import dev.drift.service.model.ActualState;
import dev.drift.service.model.CiKey;
import dev.drift.service.model.Coverage;
import dev.drift.service.model.FieldObservation;
import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldValueJson;
import dev.drift.service.model.Observed;
import dev.drift.service.model.StreamEvent;
import dev.drift.service.system.SqlArrays;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The latest observed value per (CI, field path), in PostgreSQL.
 *
 * <p>Writes never let an older observation overwrite a newer one: events for one CI may arrive out
 * of order across streams and consumers, so every upsert is conditional on {@code observed_at}.
 * All methods run on the caller's connection and transaction.
 */
@Singleton
public final class ActualStateRepository {
    private static final String UPSERT_FIELDS = """
            insert into actual_state (ci_id, field_path, value, unknown_reason, observed_at, source)
            select ci, path, value::jsonb, reason, at::timestamptz, src
              from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                   as u(ci, path, value, reason, at, src)
            on conflict (ci_id, field_path) do update
               set value = excluded.value, unknown_reason = excluded.unknown_reason,
                   observed_at = excluded.observed_at, source = excluded.source
             where actual_state.observed_at <= excluded.observed_at""";
    private static final String UPSERT_COVERAGE = """
            insert into actual_coverage (ci_id, path_prefix, observed_at, source)
            select ci, prefix, at::timestamptz, src from unnest(?::text[], ?::text[], ?::text[], ?::text[])
                   as u(ci, prefix, at, src)
            on conflict (ci_id, path_prefix) do update
               set observed_at = excluded.observed_at, source = excluded.source
             where actual_coverage.observed_at <= excluded.observed_at""";
    private static final String SELECT_FIELDS = """
            select ci_id, field_path, value::text, unknown_reason, observed_at, source
              from actual_state where ci_id = any(?)""";
    private static final String SELECT_COVERAGE = """
            select ci_id, path_prefix, observed_at, source from actual_coverage where ci_id = any(?)""";

    /** An event and where it came from ({@code stream/entry-id}). */
    public record SourcedEvent(StreamEvent event, String source) {
    }

    /**
     * Records what the events observed: one statement per table. Within the batch only the newest
     * observation of a (CI, field) is kept (the later entry wins a tie), since one statement may
     * not update a row twice.
     */
    public void record(Connection connection, List<SourcedEvent> events) throws SQLException {
        Map<List<String>, Row> fields = new LinkedHashMap<>();
        Map<List<String>, Row> coverage = new LinkedHashMap<>();
        for (SourcedEvent sourced : events) {
            StreamEvent e = sourced.event();
            String at = e.observedAt().toString();
            for (FieldObservation o : e.observations()) {
                keepNewest(fields, List.of(e.ci().value(), o.path().toString()),
                        new Row(e.observedAt(), fieldRow(e.ci(), o, at, sourced.source())));
            }
            for (Coverage c : e.coverage()) {
                keepNewest(coverage, List.of(e.ci().value(), c.pathPrefix()), new Row(e.observedAt(),
                        new Object[] {e.ci().value(), c.pathPrefix(), at, sourced.source()}));
            }
        }
        execute(connection, UPSERT_FIELDS, fields.values(), 6);
        execute(connection, UPSERT_COVERAGE, coverage.values(), 4);
    }

    private record Row(Instant observedAt, Object[] values) {
    }

    private static void keepNewest(Map<List<String>, Row> rows, List<String> key, Row row) {
        Row existing = rows.get(key);
        if (existing == null || !existing.observedAt().isAfter(row.observedAt())) {
            rows.put(key, row);
        }
    }

    private static Object[] fieldRow(CiKey ci, FieldObservation o, String at, String source) {
        return switch (o.observed()) {
            case Observed.Value v -> new Object[] {ci.value(), o.path().toString(),
                FieldValueJson.toJsonText(v.value()), null, at, source};
            case Observed.Unknown u -> new Object[] {ci.value(), o.path().toString(), null, u.reason(), at, source};
        };
    }

    private static void execute(Connection connection, String sql, Collection<Row> rows, int columns)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        SqlArrays arrays = SqlArrays.text(columns);
        rows.forEach(r -> arrays.add(r.values()));
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            arrays.bind(connection, ps, 1);
            ps.executeUpdate();
        }
    }

    /** Every CI anything was ever observed about. */
    public List<CiKey> observedCis(Connection connection) throws SQLException {
        List<CiKey> cis = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("select distinct ci_id from actual_state");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                cis.add(CiKey.of(rs.getString(1)));
            }
        }
        return cis;
    }

    /** The actual state of each CI asked for; a CI never observed gets an empty state. */
    public Map<CiKey, ActualState> load(Connection connection, Collection<CiKey> cis) throws SQLException {
        Map<CiKey, Map<FieldPath, ActualState.ActualRow>> rows = new HashMap<>();
        Map<CiKey, Map<String, ActualState.CoverageRow>> coverage = new HashMap<>();
        Array ids = connection.createArrayOf("text", cis.stream().map(CiKey::value).toArray());
        try (PreparedStatement ps = connection.prepareStatement(SELECT_FIELDS)) {
            ps.setArray(1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.computeIfAbsent(CiKey.of(rs.getString(1)), k -> new HashMap<>())
                            .put(FieldPath.parse(rs.getString(2)), row(rs));
                }
            }
        }
        try (PreparedStatement ps = connection.prepareStatement(SELECT_COVERAGE)) {
            ps.setArray(1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    coverage.computeIfAbsent(CiKey.of(rs.getString(1)), k -> new HashMap<>())
                            .put(rs.getString(2), new ActualState.CoverageRow(rs.getString(4),
                                    rs.getTimestamp(3).toInstant()));
                }
            }
        }
        Map<CiKey, ActualState> states = new HashMap<>();
        for (CiKey ci : cis) {
            states.put(ci, new ActualState(ci, rows.getOrDefault(ci, Map.of()), coverage.getOrDefault(ci, Map.of())));
        }
        return states;
    }

    private static ActualState.ActualRow row(ResultSet rs) throws SQLException {
        String unknownReason = rs.getString(4);
        Observed observed = unknownReason != null
                ? new Observed.Unknown(unknownReason)
                : new Observed.Value(FieldValueJson.fromJsonText(rs.getString(3)));
        return new ActualState.ActualRow(observed, rs.getString(6), rs.getTimestamp(5).toInstant());
    }
}

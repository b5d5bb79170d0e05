package dev.drift.service.actual;

import dev.drift.service.model.ActualState;
import dev.drift.service.model.CiKey;
import dev.drift.service.model.Coverage;
import dev.drift.service.model.FieldObservation;
import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldValueJson;
import dev.drift.service.model.Observed;
import dev.drift.service.model.StreamEvent;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Collection;
import java.util.HashMap;
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
    private static final String UPSERT_FIELD = """
            insert into actual_state (ci_id, field_path, value, unknown_reason, observed_at, source)
            values (?, ?, ?::jsonb, ?, ?, ?)
            on conflict (ci_id, field_path) do update
               set value = excluded.value, unknown_reason = excluded.unknown_reason,
                   observed_at = excluded.observed_at, source = excluded.source
             where actual_state.observed_at <= excluded.observed_at""";
    private static final String UPSERT_COVERAGE = """
            insert into actual_coverage (ci_id, path_prefix, observed_at, source)
            values (?, ?, ?, ?)
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

    /** Records what the events observed; one JDBC batch per table. */
    public void record(Connection connection, List<SourcedEvent> events) throws SQLException {
        try (PreparedStatement fields = connection.prepareStatement(UPSERT_FIELD);
             PreparedStatement coverage = connection.prepareStatement(UPSERT_COVERAGE)) {
            for (SourcedEvent sourced : events) {
                StreamEvent e = sourced.event();
                Timestamp at = Timestamp.from(e.observedAt());
                for (FieldObservation o : e.observations()) {
                    addField(fields, e.ci(), o, at, sourced.source());
                }
                for (Coverage c : e.coverage()) {
                    coverage.setString(1, e.ci().value());
                    coverage.setString(2, c.pathPrefix());
                    coverage.setTimestamp(3, at);
                    coverage.setString(4, sourced.source());
                    coverage.addBatch();
                }
            }
            fields.executeBatch();
            coverage.executeBatch();
        }
    }

    private static void addField(PreparedStatement ps, CiKey ci, FieldObservation o, Timestamp at, String source)
            throws SQLException {
        ps.setString(1, ci.value());
        ps.setString(2, o.path().toString());
        switch (o.observed()) {
            case Observed.Value v -> {
                ps.setString(3, FieldValueJson.toJsonText(v.value()));
                ps.setNull(4, Types.VARCHAR);
            }
            case Observed.Unknown u -> {
                ps.setNull(3, Types.OTHER);
                ps.setString(4, u.reason());
            }
        }
        ps.setTimestamp(5, at);
        ps.setString(6, source);
        ps.addBatch();
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

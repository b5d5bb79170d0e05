package dev.drift.service.reconcile;

import dev.drift.service.model.CiKey;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The durable list of CIs that need reconciling ({@code reconcile_request}). A request is written in
 * the same transaction as the observation that caused it, so a crash between ingest and reconcile
 * loses nothing; it is removed only by the reconcile that served it (matching generation), so a
 * request that arrives while a reconcile runs is not lost either.
 */
@Singleton
public final class ReconcileRequests {
    private static final String UPSERT = """
            insert into reconcile_request (ci_id) values (?)
            on conflict (ci_id) do update
               set generation = reconcile_request.generation + 1, requested_at = now(),
                   not_before = least(reconcile_request.not_before, now())""";

    /** Requests reconciliation of the CIs (in a stable order, so concurrent writers never deadlock). */
    public void request(Connection connection, Collection<CiKey> cis) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(UPSERT)) {
            for (CiKey ci : new TreeSet<>(cis)) {
                ps.setString(1, ci.value());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * CIs whose request is due and at least {@code minAge} old, oldest first. Younger requests are
     * being served by the in-process path already.
     */
    public List<CiKey> due(Connection connection, int limit, Duration minAge) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("""
                select ci_id from reconcile_request
                 where not_before <= now() and requested_at <= now() - ? * interval '1 millisecond'
                 order by requested_at limit ?""")) {
            ps.setLong(1, minAge.toMillis());
            ps.setInt(2, limit);
            List<CiKey> due = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(CiKey.of(rs.getString(1)));
                }
            }
            return due;
        }
    }

    /** The current generation of each CI's request; CIs without a request are absent. */
    public Map<CiKey, Long> generations(Connection connection, Collection<CiKey> cis) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "select ci_id, generation from reconcile_request where ci_id = any(?)")) {
            ps.setArray(1, connection.createArrayOf("text", cis.stream().map(CiKey::value).toArray()));
            Map<CiKey, Long> generations = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    generations.put(CiKey.of(rs.getString(1)), rs.getLong(2));
                }
            }
            return generations;
        }
    }

    /** Removes the requests that were served, unless a newer one arrived meanwhile. */
    public void complete(Connection connection, Map<CiKey, Long> served) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "delete from reconcile_request where ci_id = ? and generation = ?")) {
            for (Map.Entry<CiKey, Long> e : served.entrySet()) {
                ps.setString(1, e.getKey().value());
                ps.setLong(2, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Pushes a CI's request back after a retryable failure, with exponential backoff from the
     * attempt count. Returns the delay applied.
     */
    public Duration defer(Connection connection, CiKey ci, String error, Duration initial, Duration max)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("""
                insert into reconcile_request (ci_id, attempts, last_error) values (?, 1, ?)
                on conflict (ci_id) do update set attempts = reconcile_request.attempts + 1,
                    last_error = excluded.last_error
                returning attempts""")) {
            ps.setString(1, ci.value());
            ps.setString(2, truncate(error));
            int attempts;
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                attempts = rs.getInt(1);
            }
            Duration delay = backoff(attempts, initial, max);
            try (PreparedStatement upd = connection.prepareStatement(
                    "update reconcile_request set not_before = now() + ? * interval '1 millisecond' where ci_id = ?")) {
                upd.setLong(1, delay.toMillis());
                upd.setString(2, ci.value());
                upd.executeUpdate();
            }
            return delay;
        }
    }

    static Duration backoff(int attempts, Duration initial, Duration max) {
        int shift = Math.min(Math.max(attempts - 1, 0), 30);
        long millis = initial.toMillis() << shift;
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 2000);
    }
}

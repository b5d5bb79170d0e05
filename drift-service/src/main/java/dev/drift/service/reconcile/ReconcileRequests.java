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

/**
 * The durable list of CIs that need reconciling ({@code reconcile_request}) and of CIs whose
 * reconcile is deferred after a failure ({@code reconcile_deferral}).
 *
 * <p>A request is written in the same transaction as the observation that caused it, so a crash
 * between ingest and reconcile loses nothing. Requests are insert-only, so ingest never waits for
 * a reconcile holding row locks. A reconcile removes only the requests up to the highest id it saw
 * ({@link #pending}), so a request that arrives while it runs is served by the next one.
 */
@Singleton
public final class ReconcileRequests {

    /** Requests reconciliation of the CIs. */
    public void request(Connection connection, Collection<CiKey> cis) throws SQLException {
        if (cis.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "insert into reconcile_request (ci_id) select unnest(?::text[])")) {
            ps.setArray(1, connection.createArrayOf("text", cis.stream().map(CiKey::value).toArray()));
            ps.executeUpdate();
        }
    }

    /** Requests reconciliation of one CI at a later time (the recheck of a settling drift). */
    public void requestAt(Connection connection, CiKey ci, java.time.Instant dueAt) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "insert into reconcile_request (ci_id, due_at) values (?, ?)")) {
            ps.setString(1, ci.value());
            ps.setTimestamp(2, java.sql.Timestamp.from(dueAt));
            ps.executeUpdate();
        }
    }

    /**
     * CIs with a request at least {@code minAge} old and no deferral in force, oldest first.
     * Younger requests are being served by the in-process path already.
     */
    public List<CiKey> due(Connection connection, int limit, Duration minAge) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("""
                select r.ci_id from reconcile_request r
                 where r.requested_at <= now() - ? * interval '1 millisecond' and r.due_at <= now()
                   and not exists (select 1 from reconcile_deferral d where d.ci_id = r.ci_id and d.not_before > now())
                 group by r.ci_id order by min(r.id) limit ?""")) {
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

    /**
     * The highest id of the requests due now, per CI; CIs without one are absent. Requests for later
     * (a settling drift's recheck) are not served early.
     */
    public Map<CiKey, Long> pending(Connection connection, Collection<CiKey> cis) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("""
                select ci_id, max(id) from reconcile_request where ci_id = any(?) and due_at <= now()
                 group by ci_id""")) {
            ps.setArray(1, connection.createArrayOf("text", cis.stream().map(CiKey::value).toArray()));
            Map<CiKey, Long> pending = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    pending.put(CiKey.of(rs.getString(1)), rs.getLong(2));
                }
            }
            return pending;
        }
    }

    /** Removes the requests that were served and any deferral of the CIs reconciled. */
    public void complete(Connection connection, Collection<CiKey> reconciled, Map<CiKey, Long> served)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "delete from reconcile_request where ci_id = ? and id <= ? and due_at <= now()")) {
            for (Map.Entry<CiKey, Long> e : served.entrySet()) {
                ps.setString(1, e.getKey().value());
                ps.setLong(2, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "delete from reconcile_deferral where ci_id = any(?)")) {
            ps.setArray(1, connection.createArrayOf("text", reconciled.stream().map(CiKey::value).toArray()));
            ps.executeUpdate();
        }
    }

    /**
     * Defers a CI after a retryable failure, with exponential backoff from the attempt count; its
     * requests stay. Returns the delay applied.
     */
    public Duration defer(Connection connection, CiKey ci, String error, Duration initial, Duration max)
            throws SQLException {
        int attempts;
        try (PreparedStatement ps = connection.prepareStatement("""
                insert into reconcile_deferral (ci_id, not_before, attempts, last_error) values (?, now(), 1, ?)
                on conflict (ci_id) do update set attempts = reconcile_deferral.attempts + 1,
                    last_error = excluded.last_error
                returning attempts""")) {
            ps.setString(1, ci.value());
            ps.setString(2, truncate(error));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                attempts = rs.getInt(1);
            }
        }
        Duration delay = backoff(attempts, initial, max);
        try (PreparedStatement ps = connection.prepareStatement(
                "update reconcile_deferral set not_before = now() + ? * interval '1 millisecond' where ci_id = ?")) {
            ps.setLong(1, delay.toMillis());
            ps.setString(2, ci.value());
            ps.executeUpdate();
        }
        return delay;
    }

    /** Makes deferrals whose last error starts with {@code errorPrefix} due now; returns how many. */
    public int releaseDeferred(Connection connection, String errorPrefix) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "update reconcile_deferral set not_before = now() where not_before > now() and starts_with(last_error, ?)")) {
            ps.setString(1, errorPrefix);
            return ps.executeUpdate();
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

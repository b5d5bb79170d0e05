package dev.drift.service.actions;

import dev.drift.service.model.CiKey;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code remediation_guard} table: one remediation run per CI at a time (across instances), and
 * the loop guard, under which new drift of a CI that drift is remediating is held back until the
 * run is over and its grace period has passed (see {@code ReconcilePlanner}).
 */
@Singleton
public final class RemediationGuards {

    /** Takes the CI for a run lasting at most until {@code until}; false when another run has it. */
    boolean acquire(Connection c, CiKey ci, Instant until) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into remediation_guard (ci_id, running, until) values (?, true, ?)
                on conflict (ci_id) do update set running = true, until = excluded.until
                 where not remediation_guard.running or remediation_guard.until < now()
                returning ci_id""")) {
            ps.setString(1, ci.value());
            ps.setTimestamp(2, Timestamp.from(until));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The run is over; new drift stays held back until {@code graceUntil}. */
    void release(Connection c, CiKey ci, Instant graceUntil) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update remediation_guard set running = false, until = ? where ci_id = ?")) {
            ps.setTimestamp(1, Timestamp.from(graceUntil));
            ps.setString(2, ci.value());
            ps.executeUpdate();
        }
    }

    /** The CIs under guard now, with until when. */
    public Map<CiKey, Instant> activeUntil(Connection c, Collection<CiKey> cis) throws SQLException {
        Map<CiKey, Instant> guarded = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select ci_id, until from remediation_guard where ci_id = any(?) and until > now()")) {
            ps.setArray(1, c.createArrayOf("text", cis.stream().map(CiKey::value).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    guarded.put(CiKey.of(rs.getString(1)), rs.getTimestamp(2).toInstant());
                }
            }
        }
        return guarded;
    }
}

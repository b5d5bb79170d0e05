package dev.drift.service.ledger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drift.service.model.CiKey;
import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldValueJson;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Changes to one drift made by actions and operators rather than by reconciliation: a status
 * change (remediating, escalated), a note in the history (an action's outcome), the ITSM tickets
 * raised. Every change writes a {@code drift_history} row naming the actor. Callers hold the CI's
 * lock ({@link CiLocks}) on their transaction.
 */
@Singleton
public final class DriftChanges {
    private static final String SELECT = """
            select id, ci_id, ci_type, field_path, status, severity, desired_value::text, actual_value::text,
                   actual_source, first_detected_at, occurrence_count, suppressed_by, policy_id
              from drift_event where id = ?""";

    /** The CI of a drift; empty when there is no such drift. */
    public Optional<CiKey> ciOf(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select ci_id from drift_event where id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(CiKey.of(rs.getString(1))) : Optional.empty();
            }
        }
    }

    /** The drift as it is now, whatever its status; empty when there is no such drift. */
    public Optional<ActiveDrift> find(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT)) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ActiveDrift(rs.getObject(1, UUID.class), CiKey.of(rs.getString(2)),
                        rs.getString(3), FieldPath.parse(rs.getString(4)), DriftStatus.fromWire(rs.getString(5)),
                        Severity.fromWire(rs.getString(6)), FieldValueJson.fromJsonText(rs.getString(7)),
                        FieldValueJson.fromJsonText(rs.getString(8)), rs.getString(9),
                        rs.getTimestamp(10).toInstant(), rs.getInt(11), Optional.ofNullable(rs.getString(12)),
                        Optional.ofNullable(rs.getObject(13, UUID.class))));
            }
        }
    }

    /** Moves an active drift to another active status; returns the transition for action planning. */
    public Transition change(Connection c, ActiveDrift d, DriftStatus to, String actor, ObjectNode detail)
            throws SQLException {
        if (!d.status().active() || !to.active()) {
            throw new IllegalArgumentException("only active drift changes status here: " + d.status() + " -> " + to);
        }
        Instant now = Instant.now();
        try (PreparedStatement ps = c.prepareStatement(
                "update drift_event set status = ?, suppressed_by = null where id = ? and status <> 'resolved'")) {
            ps.setString(1, to.wireName());
            ps.setObject(2, d.id());
            ps.executeUpdate();
        }
        history(c, d.id(), d.status(), to, actor, detail, now);
        return new Transition(d.withStatus(to, Optional.empty()), Optional.of(d.status()), Optional.empty(), now);
    }

    /** Records something that happened to the drift without changing its status. */
    public void note(Connection c, ActiveDrift d, String actor, ObjectNode detail) throws SQLException {
        history(c, d.id(), d.status(), d.status(), actor, detail, Instant.now());
    }

    /** Stores the number of the change request or incident raised for the drift. */
    public void recordTicket(Connection c, UUID id, boolean incident, String number) throws SQLException {
        String column = incident ? "incident" : "change_request";
        try (PreparedStatement ps = c.prepareStatement("update drift_event set " + column + " = ? where id = ?")) {
            ps.setString(1, number);
            ps.setObject(2, id);
            ps.executeUpdate();
        }
    }

    /** Counts a remediation run started for the drift; returns how many there have been. */
    public int countRemediation(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update drift_event set remediation_attempts = remediation_attempts + 1 where id = ?
                returning remediation_attempts""")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    private static void history(Connection c, UUID id, DriftStatus from, DriftStatus to, String actor,
                                ObjectNode detail, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into drift_history (drift_id, at, from_status, to_status, actor, detail)
                values (?, ?, ?, ?, ?, ?::jsonb)""")) {
            ps.setObject(1, id);
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setString(3, from.wireName());
            ps.setString(4, to.wireName());
            ps.setString(5, actor);
            ps.setString(6, detail.toString());
            ps.executeUpdate();
        }
    }
}

package dev.drift.service.ledger;

import dev.drift.service.model.CiKey;
import dev.drift.service.system.Database;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Operators acknowledging drift: an open or escalated event becomes {@code acknowledged}, with who
 * and why in the history. Acknowledging stops the drift's reminders (pending ones are cancelled,
 * and only open or escalated drift is reminded of); it stays
 * active, so it still resolves (and announces its resolution) when the machine is compliant again.
 * Serialized with reconciliation by the CI's lock.
 */
@Singleton
public final class Acknowledgements {
    private final Database database;

    /** What acknowledging did. */
    public sealed interface Outcome {
        /** The event is now acknowledged (or already was: acknowledging twice is harmless). */
        record Acknowledged(UUID id) implements Outcome {
        }

        /** No such event. */
        record NotFound(UUID id) implements Outcome {
        }

        /** The event is resolved; there is nothing left to acknowledge. */
        record AlreadyResolved(UUID id) implements Outcome {
        }
    }

    Acknowledgements(Database database) {
        this.database = database;
    }

    public Outcome acknowledge(UUID id, String actor, String comment) {
        return database.write(c -> {
            String ci = ciOf(c, id);
            if (ci == null) {
                return new Outcome.NotFound(id);
            }
            CiLocks.lock(c, java.util.List.of(CiKey.of(ci)));
            DriftStatus status = statusOf(c, id);
            return switch (status) {
                case RESOLVED -> new Outcome.AlreadyResolved(id);
                case ACKNOWLEDGED -> new Outcome.Acknowledged(id);
                default -> transition(c, id, status, actor, comment);
            };
        });
    }

    private static Outcome transition(Connection c, UUID id, DriftStatus from, String actor, String comment)
            throws SQLException {
        Timestamp now = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS));
        try (PreparedStatement ps = c.prepareStatement("update drift_event set status = 'acknowledged' where id = ?")) {
            ps.setObject(1, id);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                insert into drift_history (drift_id, at, from_status, to_status, actor, detail)
                values (?, ?, ?, 'acknowledged', ?, jsonb_build_object('comment', ?::text))""")) {
            ps.setObject(1, id);
            ps.setTimestamp(2, now);
            ps.setString(3, from.wireName());
            ps.setString(4, actor);
            ps.setString(5, comment);
            ps.executeUpdate();
        }
        cancelPendingReminders(c, id);
        return new Outcome.Acknowledged(id);
    }

    /** Acknowledging stops reminders, including one already queued (unless it is being sent right now). */
    private static void cancelPendingReminders(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update drift_action set state = 'cancelled', last_error = 'acknowledged', completed_at = now()
                 where drift_id = ? and state = 'pending' and kind = 'notify' and transition like 'reminder-%'
                   and (lease_until is null or lease_until < now())""")) {
            ps.setObject(1, id);
            ps.executeUpdate();
        }
    }

    private static String ciOf(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select ci_id from drift_event where id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static DriftStatus statusOf(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select status from drift_event where id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return DriftStatus.fromWire(rs.getString(1));
            }
        }
    }
}

package dev.drift.service.actions;

import dev.drift.service.system.Database;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Read access to the actions of drifts, oldest first. */
@Singleton
public final class ActionLog {
    private final Database database;

    ActionLog(Database database) {
        this.database = database;
    }

    public List<ActionRecord> forDrift(UUID driftId) {
        return database.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    select id, drift_id, kind, target, transition, state, attempts, due_at, last_error, result::text,
                           created_at, completed_at
                      from drift_action where drift_id = ? order by id""")) {
                ps.setObject(1, driftId);
                List<ActionRecord> actions = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        actions.add(new ActionRecord(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7), instant(rs.getTimestamp(8)),
                                rs.getString(9), rs.getString(10), instant(rs.getTimestamp(11)),
                                instant(rs.getTimestamp(12))));
                    }
                }
                return actions;
            }
        });
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}

package dev.drift.service.sweep;

import dev.drift.service.system.Database;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * When the schedule was first considered, by any instance of this installation (table
 * {@code sweep_schedule}): slots at or before it never run, so a new installation waits for its
 * first slot instead of sweeping as soon as it starts.
 */
@Singleton
final class ScheduleOrigin {
    private final Database database;
    private volatile Instant origin;

    ScheduleOrigin(Database database) {
        this.database = database;
    }

    /** The origin; {@code now} becomes it if none is recorded yet. */
    Instant since(Instant now) {
        Instant known = origin;
        if (known == null) {
            known = record(now);
            origin = known;
        }
        return known;
    }

    private Instant record(Instant now) {
        return database.write(c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "insert into sweep_schedule (id, considered_from) values (1, ?) on conflict do nothing")) {
                insert.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                insert.executeUpdate();
            }
            try (PreparedStatement select =
                         c.prepareStatement("select considered_from from sweep_schedule where id = 1");
                 ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getObject(1, OffsetDateTime.class).toInstant();
            }
        });
    }
}

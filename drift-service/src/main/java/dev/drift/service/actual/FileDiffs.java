package dev.drift.service.actual;

import dev.drift.service.model.CiKey;
import dev.drift.service.model.FieldPath;
import dev.drift.service.system.Database;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/**
 * The latest unified diff an agent reported for a file ({@code file[<path>].diff} in the actual
 * state), to show beside a drift of that file. Sensitive files never have one.
 */
@Singleton
public final class FileDiffs {
    private final Database database;

    /** A diff and the observation it came with. */
    public record FileDiff(String text, Instant observedAt, String source) {
    }

    FileDiffs(Database database) {
        this.database = database;
    }

    /** The diff of the file {@code field} belongs to; empty for fields of no file, or when none was reported. */
    public Optional<FileDiff> forField(CiKey ci, FieldPath field) {
        if (!"file".equals(field.root().name()) || field.root().key() == null) {
            return Optional.empty();
        }
        String diffPath = FieldPath.keyed("file", field.root().key()).child("diff").toString();
        return database.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    select value #>> '{}', observed_at, source from actual_state
                     where ci_id = ? and field_path = ? and jsonb_typeof(value) = 'string'""")) {
                ps.setString(1, ci.value());
                ps.setString(2, diffPath);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new FileDiff(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3)))
                            : Optional.empty();
                }
            }
        });
    }
}

package dev.drift.service.security;

import dev.drift.service.system.Database;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** API tokens in PostgreSQL ({@code api_token}); only hashes of token values ever reach it. */
@Singleton
final class ApiTokenStore {
    private static final String COLUMNS = "id, name, role, created_at, created_by, revoked_at, last_used_at";
    private static final String UNIQUE_VIOLATION = "23505";

    private final Database database;

    ApiTokenStore(Database database) {
        this.database = database;
    }

    /** Outcome of storing a new token. */
    sealed interface Created {
        /** Stored. */
        record Stored(ApiToken token) implements Created {
        }

        /** Another token, live or revoked, already has the name. */
        record NameTaken(String name) implements Created {
        }
    }

    /** Stores a token under its hash. */
    Created create(String name, Role role, String tokenHash, String createdBy) {
        try {
            return new Created.Stored(database.write(c -> {
                try (PreparedStatement ps = c.prepareStatement("insert into api_token"
                        + " (id, name, role, token_hash, created_by) values (?, ?, ?, ?, ?) returning " + COLUMNS)) {
                    ps.setObject(1, UUID.randomUUID());
                    ps.setString(2, name);
                    ps.setString(3, role.wireName());
                    ps.setString(4, tokenHash);
                    ps.setString(5, createdBy);
                    return single(ps).orElseThrow();
                }
            }));
        } catch (RuntimeException e) {
            if (isUniqueViolation(e)) {
                return new Created.NameTaken(name);
            }
            throw e;
        }
    }

    /** Every token, live and revoked, oldest first. */
    List<ApiToken> list() {
        return database.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from api_token"
                    + " order by created_at, name")) {
                return all(ps);
            }
        });
    }

    /** Revokes the token; false when there is no such token. Revoking twice keeps the first time. */
    boolean revoke(UUID id) {
        return database.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "update api_token set revoked_at = coalesce(revoked_at, now()) where id = ?")) {
                ps.setObject(1, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** The live token with the hash, noting that it is being used. */
    Optional<ApiToken> useLive(String tokenHash) {
        return database.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("update api_token set last_used_at = now()"
                    + " where token_hash = ? and revoked_at is null returning " + COLUMNS)) {
                ps.setString(1, tokenHash);
                return single(ps);
            }
        });
    }

    private static Optional<ApiToken> single(PreparedStatement ps) throws SQLException {
        return all(ps).stream().findFirst();
    }

    private static List<ApiToken> all(PreparedStatement ps) throws SQLException {
        List<ApiToken> tokens = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                tokens.add(new ApiToken(rs.getObject("id", UUID.class), rs.getString("name"),
                        Role.fromWire(rs.getString("role")), instant(rs.getTimestamp("created_at")),
                        rs.getString("created_by"), instant(rs.getTimestamp("revoked_at")),
                        instant(rs.getTimestamp("last_used_at"))));
            }
        }
        return tokens;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}

package dev.drift.service.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drift.service.system.Database;
import dev.drift.service.system.DriftException;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Drift policies in PostgreSQL ({@code drift_policy}), and a snapshot of all of them for
 * {@link PolicyResolver}. The default policy ({@link Policy#DEFAULT_ID}) always exists: it cannot be
 * deleted, and patches may not rename it or narrow its match. Names are unique.
 */
@Singleton
public final class PolicyStore {
    /** Longest a snapshot is served before it is read again, so writes of other instances show. */
    static final Duration SNAPSHOT_MAX_AGE = Duration.ofSeconds(10);
    private static final String COLUMNS = "id, name, match, severity, settle_seconds, auto_change_request,"
            + " auto_remediate, remediation, notify, mode";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database database;
    private volatile Snapshot snapshot;

    private record Snapshot(List<Policy> policies, long loadedAtNanos) {
    }

    public PolicyStore(Database database) {
        this.database = database;
    }

    /** Every policy, by name. */
    public List<Policy> list() {
        return database.read(c -> query(c, "select " + COLUMNS + " from drift_policy order by name", null));
    }

    public Optional<Policy> find(UUID id) {
        return database.read(c -> query(c, "select " + COLUMNS + " from drift_policy where id = ?", id))
                .stream().findFirst();
    }

    /** Stores a new policy; {@link PolicyException.Conflict} when its name or id is taken. */
    public Policy create(Policy policy) {
        database.write(c -> {
            try (PreparedStatement s = c.prepareStatement("insert into drift_policy (" + COLUMNS + ")"
                    + " values (?, ?, ?::jsonb, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)")) {
                bind(s, policy);
                return executeUnique(s, policy);
            }
        });
        refresh();
        return policy;
    }

    /**
     * Replaces the policy with what {@code change} makes of it, in one transaction (the row is
     * locked meanwhile). {@link PolicyException.NotFound} for an unknown id; the change may throw
     * {@link PolicyException.Invalid}.
     */
    public Policy patch(UUID id, UnaryOperator<Policy> change) {
        Policy changed = database.write(c -> {
            Policy current = query(c, "select " + COLUMNS + " from drift_policy where id = ? for update", id)
                    .stream().findFirst().orElseThrow(() -> new PolicyException.NotFound(id));
            Policy next = change.apply(current);
            checkPatch(current, next);
            try (PreparedStatement s = c.prepareStatement("update drift_policy set id = ?, name = ?,"
                    + " match = ?::jsonb, severity = ?, settle_seconds = ?, auto_change_request = ?,"
                    + " auto_remediate = ?, remediation = ?::jsonb, notify = ?::jsonb, mode = ?,"
                    + " updated_at = now() where id = ?")) {
                bind(s, next);
                s.setObject(11, id);
                executeUnique(s, next);
            }
            return next;
        });
        refresh();
        return changed;
    }

    /** Deletes the policy; {@link PolicyException.Conflict} for the default policy. */
    public void delete(UUID id) {
        if (id.equals(Policy.DEFAULT_ID)) {
            throw new PolicyException.Conflict("the default policy cannot be deleted; patch it instead");
        }
        int deleted = database.write(c -> {
            try (PreparedStatement s = c.prepareStatement("delete from drift_policy where id = ?")) {
                s.setObject(1, id);
                return s.executeUpdate();
            }
        });
        if (deleted == 0) {
            throw new PolicyException.NotFound(id);
        }
        refresh();
    }

    /**
     * All policies as of the last write through this store, or as of at most
     * {@link #SNAPSHOT_MAX_AGE} ago: cheap enough to call for every drift.
     */
    public List<Policy> current() {
        Snapshot s = snapshot;
        if (s == null || System.nanoTime() - s.loadedAtNanos() > SNAPSHOT_MAX_AGE.toNanos()) {
            s = refresh();
        }
        return s.policies();
    }

    /** Synchronized so that snapshots are installed in the order they were read. */
    private synchronized Snapshot refresh() {
        Snapshot s = new Snapshot(list(), System.nanoTime());
        snapshot = s;
        return s;
    }

    private static void checkPatch(Policy current, Policy next) {
        if (!next.id().equals(current.id())) {
            throw new IllegalArgumentException("a patch must keep the policy's id");
        }
        if (current.isDefault() && !next.name().equals(current.name())) {
            throw new PolicyException.Invalid("name", "the default policy keeps its name");
        }
        if (current.isDefault() && !next.match().matchesEverything()) {
            throw new PolicyException.Invalid("match", "the default policy must match every drift");
        }
    }

    private static int executeUnique(PreparedStatement s, Policy policy) throws SQLException {
        try {
            return s.executeUpdate();
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new PolicyException.Conflict("name: a policy named '" + policy.name() + "' already exists");
            }
            throw e;
        }
    }

    private static void bind(PreparedStatement s, Policy p) throws SQLException {
        ObjectNode json = PolicyJson.write(p);
        s.setObject(1, p.id());
        s.setString(2, p.name());
        s.setString(3, json.get("match").toString());
        s.setString(4, p.severity().wireName());
        s.setInt(5, Math.toIntExact(p.settle().toSeconds()));
        s.setBoolean(6, p.autoChangeRequest());
        s.setBoolean(7, p.autoRemediate());
        s.setString(8, p.remediation().isEmpty() ? null : json.get(RemediationJson.MEMBER).toString());
        s.setString(9, json.get("notify").toString());
        s.setString(10, p.mode().wireName());
    }

    private static List<Policy> query(Connection c, String sql, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            if (id != null) {
                s.setObject(1, id);
            }
            try (ResultSet rs = s.executeQuery()) {
                List<Policy> policies = new ArrayList<>();
                while (rs.next()) {
                    policies.add(row(rs));
                }
                return policies;
            }
        }
    }

    /** A stored row goes through the same validation as API input, so a bad row cannot hide. */
    private static Policy row(ResultSet rs) throws SQLException {
        ObjectNode json = JSON.createObjectNode();
        try {
            json.put("name", rs.getString("name"));
            json.set("match", JSON.readTree(rs.getString("match")));
            json.put("severity", rs.getString("severity"));
            json.put("settle_seconds", rs.getInt("settle_seconds"));
            json.put("auto_change_request", rs.getBoolean("auto_change_request"));
            json.put("auto_remediate", rs.getBoolean("auto_remediate"));
            String remediation = rs.getString("remediation");
            json.set(RemediationJson.MEMBER, remediation == null ? null : JSON.readTree(remediation));
            json.set("notify", JSON.readTree(rs.getString("notify")));
            json.put("mode", rs.getString("mode"));
            return PolicyJson.read(rs.getObject("id", UUID.class), json);
        } catch (JsonProcessingException | PolicyException e) {
            throw new DriftException.Terminal("stored policy " + rs.getString("id") + " is invalid: "
                    + e.getMessage(), e);
        }
    }
}

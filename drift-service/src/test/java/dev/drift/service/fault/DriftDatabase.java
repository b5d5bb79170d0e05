package dev.drift.service.fault;

import dev.drift.service.scale.PowerScript;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the service left in its PostgreSQL database, read with plain JDBC from the test's JVM (the
 * service runs in another one) on one connection, kept open: the test polls often, and a new
 * PostgreSQL connection is a new server process.
 */
final class DriftDatabase implements AutoCloseable {
    private final Connection connection;

    DriftDatabase(Map<String, String> properties) {
        try {
            this.connection = DriverManager.getConnection(properties.get("datasources.default.url"),
                    properties.get("datasources.default.username"), properties.get("datasources.default.password"));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to the test database", e);
        }
    }

    /** Entries of the stream whose effects are committed. */
    long processed(String stream) {
        return count("select count(*) from processed_entry where stream = '" + stream + "'");
    }

    /** Whether the service's schema exists yet (the first start migrates it). */
    boolean migrated() {
        return count("select count(*) from information_schema.tables where table_name = 'drift_action'") == 1;
    }

    long count(String sql) {
        return query(sql, rs -> {
            rs.next();
            return rs.getLong(1);
        });
    }

    /** Drift rows (CI, field, status, occurrences), per CI in order of detection. */
    List<PowerScript.Drift> ledger() {
        return query("select ci_id, field_path, status, occurrence_count from drift_event order by ci_id, first_detected_at",
                rs -> {
                    List<PowerScript.Drift> rows = new ArrayList<>();
                    while (rs.next()) {
                        rows.add(new PowerScript.Drift(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)));
                    }
                    return rows;
                });
    }

    /** (CI, field) pairs with more than one drift row that is not resolved. */
    List<String> duplicatedActiveDrifts() {
        return query("""
                select ci_id || ' ' || field_path from drift_event where status <> 'resolved'
                 group by ci_id, field_path having count(*) > 1""", rs -> {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        });
    }

    /**
     * History and action rows whose drift row is missing. No foreign key guards them (V15 dropped those
     * for the ingest transaction's sake); the ledger writes them only beside their drift.
     */
    List<String> orphanRows() {
        return query("""
                select 'drift_history ' || h.id from drift_history h
                 where not exists (select 1 from drift_event d where d.id = h.drift_id)
                union all
                select 'drift_action ' || a.id from drift_action a
                 where not exists (select 1 from drift_event d where d.id = a.drift_id)""", rs -> {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        });
    }

    /** The notification keys a run must deliver: every drift's opening, and every resolved drift's resolution. */
    Set<String> expectedNotificationKeys(String channel) {
        return query("select id, status from drift_event", rs -> {
            Set<String> keys = new HashSet<>();
            while (rs.next()) {
                UUID id = rs.getObject(1, UUID.class);
                keys.add(id + ":opened:" + channel);
                if (rs.getString(2).equals("resolved")) {
                    keys.add(id + ":resolved:" + channel);
                }
            }
            return keys;
        });
    }

    /** The idempotency keys ({@code <drift>:<transition>:<channel>}) of notifications recorded as delivered. */
    Set<String> deliveredNotificationKeys() {
        return query("select drift_id, transition, target from drift_action where kind = 'notify' and state = 'delivered'",
                rs -> {
                    Set<String> keys = new HashSet<>();
                    while (rs.next()) {
                        keys.add(rs.getObject(1, UUID.class) + ":" + rs.getString(2) + ":" + rs.getString(3));
                    }
                    return keys;
                });
    }

    /**
     * The channel reference (Slack {@code ts}) recorded with each delivered notification, by idempotency
     * key; {@code found} only those found in the channel after an attempt that did not record its
     * outcome.
     */
    Map<String, String> notificationReferences(boolean found) {
        return query("""
                select drift_id, transition, target, result ->> 'reference' from drift_action
                 where kind = 'notify' and state = 'delivered'""" + (found
                ? " and (result ->> 'found_in_channel')::boolean" : ""), rs -> {
            Map<String, String> references = new HashMap<>();
            while (rs.next()) {
                references.put(rs.getObject(1, UUID.class) + ":" + rs.getString(2) + ":" + rs.getString(3),
                        rs.getString(4));
            }
            return references;
        });
    }

    /** Drifts whose change request is recorded as delivered. */
    Set<String> deliveredChangeRequests() {
        return query("select drift_id from drift_action where kind = 'change_request' and state = 'delivered'", rs -> {
            Set<String> drifts = new HashSet<>();
            while (rs.next()) {
                drifts.add(rs.getObject(1, UUID.class).toString());
            }
            return drifts;
        });
    }

    /** Every drift row's id, with its CI. */
    Map<String, String> driftIdsByCi() {
        return query("select id, ci_id from drift_event", rs -> {
            Map<String, String> ids = new HashMap<>();
            while (rs.next()) {
                ids.put(rs.getObject(1, UUID.class).toString(), rs.getString(2));
            }
            return ids;
        });
    }

    /** The change request number recorded on each drift that has one. */
    Map<String, String> changeRequests() {
        return query("select id, change_request from drift_event where change_request is not null", rs -> {
            Map<String, String> numbers = new HashMap<>();
            while (rs.next()) {
                numbers.put(rs.getObject(1, UUID.class).toString(), rs.getString(2));
            }
            return numbers;
        });
    }

    private synchronized <T> T query(String sql, Rows<T> rows) {
        try (PreparedStatement ps = connection.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            return rows.read(rs);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed", e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the test database connection", e);
        }
    }

    @FunctionalInterface
    private interface Rows<T> {
        T read(ResultSet rs) throws SQLException;
    }
}

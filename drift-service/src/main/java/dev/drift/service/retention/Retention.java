package dev.drift.service.retention;

import dev.drift.service.system.Database;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what is past its retention ({@link RetentionProperties}): resolved drift with its history
 * and actions, compliance checks, finished reconcile jobs, published outbox messages. Open drift and
 * anything still pending are never touched, whatever their age. Each batch is its own transaction
 * under a transaction-level advisory lock, so instances never do the same work twice and a crash
 * loses nothing (the next run goes on). Runs every {@code interval} on each instance.
 */
@Singleton
public final class Retention {
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    private static final int SPACE = 0x64726674;
    private static final int RETENTION = 2;

    private static final String OLD_DRIFT = """
            select id from drift_event where status = 'resolved' and resolved_at < now() - ? * interval '1 millisecond'
             limit ?""";

    private final Database database;
    private final RetentionProperties properties;

    Retention(Database database, RetentionProperties properties) {
        this.database = database;
        this.properties = properties;
    }

    /** What one cleanup deleted. */
    public record Purged(int drift, int checks, int jobs, int outbox) {
        int total() {
            return drift + checks + jobs + outbox;
        }
    }

    @Scheduled(fixedDelay = "${drift.retention.interval:1h}", initialDelay = "1m")
    void scheduled() {
        try {
            Purged purged = purge();
            if (purged.total() > 0) {
                LOG.info("retention: deleted {} resolved drift, {} compliance checks, {} reconcile jobs, "
                        + "{} published messages", purged.drift(), purged.checks(), purged.jobs(), purged.outbox());
            }
        } catch (RuntimeException e) {
            LOG.warn("retention cleanup failed, tried again in {}: {}", properties.interval(), e.getMessage());
        }
    }

    /** Deletes everything past retention, batch after batch; returns what went. */
    public Purged purge() {
        Duration history = properties.history();
        int drift = repeat(c -> purgeResolvedDrift(c, history));
        int checks = repeat(c -> deleteOlder(c, "compliance_check", "id", "checked_at", history));
        int jobs = repeat(c -> deleteOlder(c, "reconcile_job", "id", "coalesce(finished_at, started_at)", history,
                "status <> 'running'"));
        int outbox = repeat(c -> deleteOlder(c, "outbox", "id", "published_at", properties.outbox(),
                "published_at is not null"));
        return new Purged(drift, checks, jobs, outbox);
    }

    @FunctionalInterface
    private interface Batch {
        int delete(Connection connection) throws SQLException;
    }

    /** Runs batches until one deletes less than a full batch, or another instance holds the lock. */
    private int repeat(Batch batch) {
        int total = 0;
        while (true) {
            Integer deleted = database.write(c -> locked(c) ? batch.delete(c) : null);
            if (deleted == null) {
                return total;
            }
            total += deleted;
            if (deleted < properties.batchSize()) {
                return total;
            }
        }
    }

    private static boolean locked(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_xact_lock(?, ?)")) {
            ps.setInt(1, SPACE);
            ps.setInt(2, RETENTION);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private int purgeResolvedDrift(Connection c, Duration age) throws SQLException {
        try (PreparedStatement purge = c.prepareStatement("set local drift.purge = 'on'")) {
            purge.execute();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                with old as (%s),
                     history as (delete from drift_history where drift_id in (select id from old)),
                     actions as (delete from drift_action where drift_id in (select id from old))
                delete from drift_event where id in (select id from old)""".formatted(OLD_DRIFT))) {
            ps.setLong(1, age.toMillis());
            ps.setInt(2, properties.batchSize());
            return ps.executeUpdate();
        }
    }

    private int deleteOlder(Connection c, String table, String key, String time, Duration age, String... where)
            throws SQLException {
        String extra = where.length == 0 ? "" : " and " + String.join(" and ", where);
        try (PreparedStatement ps = c.prepareStatement("delete from " + table + " where " + key + " in (select " + key
                + " from " + table + " where " + time + " < now() - ? * interval '1 millisecond'" + extra
                + " limit ?)")) {
            ps.setLong(1, age.toMillis());
            ps.setInt(2, properties.batchSize());
            return ps.executeUpdate();
        }
    }
}

package dev.drift.service.report;

import dev.drift.service.reconcile.Sweep;
import dev.drift.service.system.Database;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code reconcile_job} table: what every instance knows of every full sweep. */
@Singleton
final class ReconcileJobStore {
    private static final Logger LOG = LoggerFactory.getLogger(ReconcileJobStore.class);
    private static final String COLUMNS = "id, status, kind, scheduled_for, instance, started_at, finished_at,"
            + " cis_total, cis_done, ledger_changes, deferred, error";

    private final Database database;

    ReconcileJobStore(Database database) {
        this.database = database;
    }

    /**
     * A job about to start.
     *
     * @param slot the slot a scheduled job runs for; null on demand
     */
    record NewJob(UUID id, JobKind kind, @Nullable Instant slot, String instance, Instant startedAt) {
    }

    /**
     * Records the job as running; call it holding the {@link SweepLock}. With the lock held no other
     * sweep runs, so any job still {@code running} belongs to a dead instance and becomes
     * {@code interrupted} first (which also frees its slot). Empty when the job's slot has a run.
     */
    Optional<ReconcileJob> begin(NewJob job) {
        return database.write(c -> {
            interruptOrphans(c, job.startedAt());
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into reconcile_job (id, status, kind, scheduled_for, instance, started_at)
                    values (?, 'running', ?, ?, ?, ?) on conflict do nothing returning\s""" + COLUMNS)) {
                ps.setObject(1, job.id());
                ps.setString(2, job.kind().value());
                ps.setObject(3, job.slot() == null ? null : utc(job.slot()), Types.TIMESTAMP_WITH_TIMEZONE);
                ps.setString(4, job.instance());
                ps.setObject(5, utc(job.startedAt()));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(job(rs)) : Optional.empty();
                }
            }
        });
    }

    /** The job, whichever instance runs or ran it. */
    Optional<ReconcileJob> find(UUID id) {
        return database.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from reconcile_job where id = ?")) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(job(rs)) : Optional.empty();
                }
            }
        });
    }

    /** The latest job that says it runs; with the lock held elsewhere, the running sweep's. */
    Optional<UUID> running() {
        return database.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select id from reconcile_job where status = 'running' order by started_at desc limit 1");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
            }
        });
    }

    /** Whether a scheduled run of the slot has finished, successfully or not. */
    boolean slotFinished(Instant slot) {
        return database.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    select exists (select 1 from reconcile_job
                                    where kind = 'scheduled' and scheduled_for = ?
                                      and status in ('succeeded', 'failed'))""")) {
                ps.setObject(1, utc(slot));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getBoolean(1);
                }
            }
        });
    }

    void progress(UUID id, int done, int total, int changes) {
        database.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "update reconcile_job set cis_done = ?, cis_total = ?, ledger_changes = ? where id = ?")) {
                ps.setInt(1, done);
                ps.setInt(2, total);
                ps.setInt(3, changes);
                ps.setObject(4, id);
                return ps.executeUpdate();
            }
        });
    }

    /** Records the end; with a result its totals, otherwise what was reached stays. */
    void finish(UUID id, String status, Instant at, @Nullable Sweep.Result result, @Nullable String error) {
        Integer reconciled = result == null ? null : result.cis() - result.deferred();
        database.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    update reconcile_job set status = ?, finished_at = ?, error = ?,
                           cis_total = coalesce(?, cis_total), cis_done = coalesce(?, cis_done),
                           ledger_changes = coalesce(?, ledger_changes), deferred = coalesce(?, deferred)
                     where id = ?""")) {
                ps.setString(1, status);
                ps.setObject(2, utc(at));
                ps.setString(3, error);
                ps.setObject(4, reconciled, Types.INTEGER);
                ps.setObject(5, reconciled, Types.INTEGER);
                ps.setObject(6, result == null ? null : result.ledgerChanges(), Types.INTEGER);
                ps.setObject(7, result == null ? null : result.deferred(), Types.INTEGER);
                ps.setObject(8, id);
                return ps.executeUpdate();
            }
        });
    }

    private static void interruptOrphans(Connection c, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update reconcile_job set status = 'interrupted', finished_at = ?,
                       error = 'instance ' || instance || ' stopped before the sweep finished'
                 where status = 'running' returning id, instance""")) {
            ps.setObject(1, utc(at));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    LOG.warn("reconcile job {} was interrupted: its instance {} stopped before it finished",
                            rs.getObject(1, UUID.class), rs.getString(2));
                }
            }
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static ReconcileJob job(ResultSet rs) throws SQLException {
        return new ReconcileJob(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), instant(rs, 4),
                rs.getString(5), instant(rs, 6), instant(rs, 7), rs.getInt(8), rs.getInt(9), rs.getInt(10),
                rs.getInt(11), rs.getString(12));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}

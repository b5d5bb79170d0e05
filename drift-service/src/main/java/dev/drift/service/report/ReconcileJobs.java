package dev.drift.service.report;

import dev.drift.service.reconcile.Sweep;
import dev.drift.service.system.Database;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Full sweeps ({@link Sweep}) run in the background on request, recorded in {@code reconcile_job}
 * so that every instance can tell how one went. One runs at a time per instance. A job whose
 * instance dies while it runs stays {@code running}; its {@code instance} says whose it was.
 */
@Singleton
public final class ReconcileJobs {
    private static final Logger LOG = LoggerFactory.getLogger(ReconcileJobs.class);
    private static final String SELECT = """
            select id, status, instance, started_at, finished_at, cis_total, cis_done, ledger_changes, deferred, error
              from reconcile_job where id = ?""";

    private final Sweep sweep;
    private final Database database;
    private final ExecutorService executor;
    private final String instance = instanceName();
    private final AtomicReference<UUID> running = new AtomicReference<>();

    ReconcileJobs(Sweep sweep, Database database, @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
        this.sweep = sweep;
        this.database = database;
        this.executor = executor;
    }

    /** What asking for a sweep did. */
    public sealed interface Start {
        /** The sweep runs in the background. */
        record Started(ReconcileJob job) implements Start {
        }

        /** This instance is already running the job. */
        record AlreadyRunning(UUID jobId) implements Start {
        }
    }

    /** Starts a sweep in the background unless this instance runs one. */
    public Start start() {
        UUID id = UUID.randomUUID();
        if (!running.compareAndSet(null, id)) {
            return new Start.AlreadyRunning(running.get());
        }
        try {
            Instant startedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            database.write(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "insert into reconcile_job (id, status, instance, started_at) values (?, 'running', ?, ?)")) {
                    ps.setObject(1, id);
                    ps.setString(2, instance);
                    ps.setObject(3, OffsetDateTime.ofInstant(startedAt, ZoneOffset.UTC));
                    return ps.executeUpdate();
                }
            });
            executor.execute(() -> run(id));
            return new Start.Started(new ReconcileJob(id, "running", instance, startedAt, null, 0, 0, 0, 0, null));
        } catch (RuntimeException e) {
            running.set(null);
            if (e instanceof RejectedExecutionException) {
                finish(id, "failed", null, "could not be started: " + e.getMessage());
            }
            throw e;
        }
    }

    /** The job, whichever instance runs or ran it. */
    public Optional<ReconcileJob> find(UUID id) {
        return database.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT)) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(job(rs)) : Optional.empty();
                }
            }
        });
    }

    private void run(UUID id) {
        try {
            Sweep.Result result = sweep.run(Optional.of(id), (done, total, changes) -> progress(id, done, total, changes));
            finish(id, "succeeded", result, null);
            LOG.info("reconcile job {}: {} CIs, {} ledger changes, {} deferred, in {}", id, result.cis(),
                    result.ledgerChanges(), result.deferred(), result.took());
        } catch (RuntimeException e) {
            LOG.warn("reconcile job {} failed: {}", id, e.getMessage(), e);
            finish(id, "failed", null, e.getMessage() == null ? e.toString() : e.getMessage());
        } finally {
            running.set(null);
        }
    }

    private void progress(UUID id, int done, int total, int changes) {
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
    private void finish(UUID id, String status, Sweep.Result result, String error) {
        try {
            database.write(c -> {
                try (PreparedStatement ps = c.prepareStatement("""
                        update reconcile_job set status = ?, finished_at = now(), error = ?,
                               cis_total = coalesce(?, cis_total), cis_done = coalesce(?, cis_done),
                               ledger_changes = coalesce(?, ledger_changes), deferred = coalesce(?, deferred)
                         where id = ?""")) {
                    ps.setString(1, status);
                    ps.setString(2, error);
                    ps.setObject(3, result == null ? null : result.cis() - result.deferred(), Types.INTEGER);
                    ps.setObject(4, result == null ? null : result.cis() - result.deferred(), Types.INTEGER);
                    ps.setObject(5, result == null ? null : result.ledgerChanges(), Types.INTEGER);
                    ps.setObject(6, result == null ? null : result.deferred(), Types.INTEGER);
                    ps.setObject(7, id);
                    return ps.executeUpdate();
                }
            });
        } catch (RuntimeException e) {
            LOG.error("could not record the end of reconcile job {} ({}): {}", id, status, e.getMessage());
        }
    }

    private static ReconcileJob job(ResultSet rs) throws SQLException {
        OffsetDateTime finished = rs.getObject(5, OffsetDateTime.class);
        return new ReconcileJob(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                rs.getObject(4, OffsetDateTime.class).toInstant(), finished == null ? null : finished.toInstant(),
                rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getString(10));
    }

    private static String instanceName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}

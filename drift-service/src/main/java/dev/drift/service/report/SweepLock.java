package dev.drift.service.report;

import dev.drift.service.system.DriftException;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One full sweep at a time across all instances: a PostgreSQL session advisory lock, taken without
 * waiting and held on a connection of its own (outside any transaction) for the whole run. If the
 * instance dies, PostgreSQL ends the session and the lock is free again; its job row stays
 * {@code running} until the next sweep takes the lock ({@link ReconcileJobStore#begin}).
 */
@Singleton
final class SweepLock {
    private static final Logger LOG = LoggerFactory.getLogger(SweepLock.class);
    /** "drft", the key space of drift's session locks. */
    private static final int SPACE = 0x64726674;
    private static final int SWEEP = 1;

    private final DataSource dataSource;

    SweepLock(DataSource dataSource) {
        // The pool itself: the contextual data source would hand out a transaction's connection.
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    /** The lock when no other sweep holds it; a {@link DriftException.Retryable} when the database fails. */
    Optional<Held> tryAcquire() {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            if (call(connection, "select pg_try_advisory_lock(?, ?)")) {
                return Optional.of(new Held(connection));
            }
            connection.close();
            return Optional.empty();
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new DriftException.Retryable("could not try the sweep lock: " + e.getMessage(), e);
        }
    }

    /** The lock, held until closed. */
    static final class Held implements AutoCloseable {
        private final Connection connection;

        private Held(Connection connection) {
            this.connection = connection;
        }

        /** Releases the lock; if the connection broke, its session, and the lock with it, is gone. */
        @Override
        public void close() {
            try {
                if (!call(connection, "select pg_advisory_unlock(?, ?)")) {
                    LOG.warn("the sweep lock was no longer held when the sweep ended");
                }
            } catch (SQLException e) {
                LOG.warn("could not release the sweep lock; dropping its connection: {}", e.getMessage());
                abortQuietly(connection);
            } finally {
                closeQuietly(connection);
            }
        }
    }

    private static boolean call(Connection connection, String sql) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setInt(1, SPACE);
            ps.setInt(2, SWEEP);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** Ends the session, so that a pooled connection never keeps the lock. */
    private static void abortQuietly(Connection connection) {
        try {
            connection.abort(Runnable::run);
        } catch (SQLException e) {
            LOG.warn("could not drop the sweep lock's connection: {}", e.getMessage());
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("could not close the sweep lock's connection: {}", e.getMessage());
        }
    }
}

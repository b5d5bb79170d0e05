package dev.drift.service.system;

import io.micronaut.transaction.TransactionCallback;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Runs JDBC work in a transaction and translates failures into the {@link DriftException} family:
 * data errors (SQLSTATE class 22, a value PostgreSQL cannot store) are terminal, everything else
 * (connection lost, serialization failure, deadlock, server shutting down) is retryable.
 */
@Singleton
public final class Database {
    private final TransactionOperations<Connection> transactions;

    /** Work on one connection inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    public Database(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** Runs the work in a new or the current read-write transaction; commits when it returns. */
    public <T> T write(Work<T> work) {
        return run(work, false);
    }

    /** Runs the work in a read-only transaction. */
    public <T> T read(Work<T> work) {
        return run(work, true);
    }

    private <T> T run(Work<T> work, boolean readOnly) {
        try {
            TransactionCallback<Connection, T> callback = status -> {
                try {
                    return work.run(status.getConnection());
                } catch (SQLException e) {
                    throw translate(e);
                }
            };
            return readOnly ? transactions.executeRead(callback) : transactions.executeWrite(callback);
        } catch (DriftException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DriftException.Retryable("database failure: " + e.getMessage(), e);
        }
    }

    /**
     * Whether the failure is PostgreSQL being unreachable (no connection within the pool's timeout, a
     * connection lost, the server shutting down or starting up) rather than something about the work:
     * SQLSTATE class 08, 57P01..57P03, or a transient connection failure.
     */
    public static boolean unreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    static DriftException translate(SQLException e) {
        String state = e.getSQLState();
        if (state != null && state.startsWith("22")) {
            return new DriftException.Terminal("database rejected a value: " + e.getMessage(), e);
        }
        return new DriftException.Retryable("database failure: " + e.getMessage(), e);
    }
}

package dev.drift.service.system;

import io.micronaut.transaction.TransactionCallback;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;

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

    static DriftException translate(SQLException e) {
        String state = e.getSQLState();
        if (state != null && state.startsWith("22")) {
            return new DriftException.Terminal("database rejected a value: " + e.getMessage(), e);
        }
        return new DriftException.Retryable("database failure: " + e.getMessage(), e);
    }
}

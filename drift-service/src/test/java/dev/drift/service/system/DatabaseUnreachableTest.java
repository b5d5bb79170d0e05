package dev.drift.service.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseUnreachableTest {

    @Test
    void noConnectionFromThePoolIsUnreachable() {
        assertThat(Database.unreachable(new DriftException.Retryable("database failure",
                new SQLTransientConnectionException("Connection is not available, request timed out after 2000ms"))))
                .isTrue();
    }

    @Test
    void aLostConnectionOrAServerShuttingDownIsUnreachable() {
        assertThat(Database.unreachable(new SQLException("An I/O error occurred", "08006"))).isTrue();
        assertThat(Database.unreachable(new SQLException("terminating connection due to administrator command", "57P01")))
                .isTrue();
    }

    @Test
    void aFailureOfTheWorkItselfIsNot() {
        assertThat(Database.unreachable(new DriftException.Retryable("database failure",
                new SQLException("could not serialize access", "40001")))).isFalse();
        assertThat(Database.unreachable(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(Database.unreachable(new IllegalStateException("no cause"))).isFalse();
    }
}

package dev.drift.service.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drift.embedded.EmbeddedServers;
import dev.drift.service.model.CiKey;
import dev.drift.service.support.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Per-CI serialization across instances on real PostgreSQL: two connections stand for two service
 * instances. Whoever locks a CI second waits until the first transaction ends; other CIs never wait.
 */
class CiLocksIT {

    private static Connection connect() throws SQLException {
        EmbeddedServers servers = TestServers.servers();
        Connection c = DriverManager.getConnection(servers.jdbcUrl(), servers.dbUser(), servers.dbPassword());
        c.setAutoCommit(false);
        return c;
    }

    @Test
    void aSecondInstanceWaitsForTheCiUntilTheFirstCommitsAndOtherCisDoNotWait() throws Exception {
        try (Connection first = connect(); Connection second = connect()) {
            CiLocks.lock(first, List.of(CiKey.of("lock-a"), CiKey.of("lock-b")));

            CiLocks.lock(second, List.of(CiKey.of("lock-c")));
            second.commit();
            CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
                try {
                    CiLocks.lock(second, List.of(CiKey.of("lock-b")));
                    second.commit();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> !waiting.isDone());

            first.commit();

            await().atMost(Duration.ofSeconds(10)).until(waiting::isDone);
            assertThat(waiting).isCompletedWithValue(null);
        }
    }
}

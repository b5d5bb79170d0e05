package dev.drift.service.ledger;

import dev.drift.service.model.CiKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;

/**
 * Serializes work on a CI across threads and instances with transaction-scoped PostgreSQL advisory
 * locks. Everyone who writes a CI's actual state or ledger takes its lock first, always in hash
 * order within one statement, so two transactions never wait on each other in a cycle.
 */
public final class CiLocks {
    private static final String LOCK = """
            select count(pg_advisory_xact_lock(k)) from (
              select distinct hashtextextended(x, 7) as k from unnest(?::text[]) as x order by 1) s""";

    private CiLocks() {
    }

    /** Blocks until this transaction holds the lock of every CI; released at commit or rollback. */
    public static void lock(Connection connection, Collection<CiKey> cis) throws SQLException {
        if (cis.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(LOCK)) {
            ps.setArray(1, connection.createArrayOf("text", cis.stream().map(CiKey::value).toArray()));
            ps.executeQuery().close();
        }
    }
}

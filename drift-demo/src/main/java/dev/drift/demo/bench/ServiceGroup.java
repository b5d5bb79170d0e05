package dev.drift.demo.bench;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The service's consumer group on the benchmark stream, as Redis sees it: asking Redis whether
 * everything was delivered and acknowledged costs the benchmark nothing in PostgreSQL, where a
 * {@code count(*)} of processed entries, polled while the pipeline runs, competed with it for the
 * same two cores.
 */
final class ServiceGroup {
    static final String NAME = "drift-service";

    private ServiceGroup() {
    }

    /** The id of the stream's newest entry. */
    static String lastId(RedisCommands<String, String> redis) {
        List<StreamMessage<String, String>> last = redis.xrevrange(BenchEvents.STREAM, Range.create("-", "+"),
                Limit.from(1));
        return last.getFirst().getId();
    }

    /** True once the group was delivered every entry up to {@code lastId} and acknowledged them all. */
    static boolean acknowledgedThrough(RedisCommands<String, String> redis, String lastId) {
        for (Object group : redis.xinfoGroups(BenchEvents.STREAM)) {
            List<?> info = (List<?>) group;
            if (NAME.equals(String.valueOf(info.get(info.indexOf("name") + 1)))
                    && lastId.equals(String.valueOf(info.get(info.indexOf("last-delivered-id") + 1)))) {
                return redis.xpending(BenchEvents.STREAM, NAME).getCount() == 0;
            }
        }
        return false;
    }

    /** True when the service has no reconcile request left and every message is published. */
    static boolean settled(Connection db) throws SQLException {
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("""
                     select (select count(*) from reconcile_request),
                            (select count(*) from outbox where published_at is null)""")) {
            rs.next();
            return rs.getLong(1) == 0 && rs.getLong(2) == 0;
        }
    }

    /**
     * True when no action waits for delivery. Asked through the dispatchers' partial indexes of
     * pending actions: a {@code count(*)} over all actions took 12 ms a call at 70,000 rows.
     */
    static boolean actionsDelivered(Connection db) throws SQLException {
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("""
                     select exists (select 1 from drift_action where state = 'pending'
                                       and kind in ('notify', 'change_request', 'incident'))
                         or exists (select 1 from drift_action where state = 'pending'
                                       and kind in ('remediate', 'verify'))""")) {
            rs.next();
            return !rs.getBoolean(1);
        }
    }

    /** Whether the service in this JVM delivers actions ({@code DRIFT_ACTIONS_ENABLED}, default true). */
    static boolean deliversActions() {
        return !"false".equalsIgnoreCase(System.getenv("DRIFT_ACTIONS_ENABLED"));
    }
}

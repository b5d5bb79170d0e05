package dev.drift.service.ingest;

import dev.drift.service.model.CiKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Tells the drift agent's replays from new events by their sequence number ({@code agent_seq_seen}):
 * an event whose (CI, seq) was taken before is a replay. The agent's numbers never repeat (one
 * counter per agent, across restarts and lost state directories), so a repeat is always the same
 * event sent twice; events taken out of order are all new. Runs in the batch's transaction.
 */
final class AgentSequences {
    private static final String TAKE = """
            insert into agent_seq_seen (ci_id, seq) select * from unnest(?::text[], ?::bigint[])
            on conflict do nothing returning ci_id, seq""";

    /** One event's number in its agent's sequence. */
    record Numbered(CiKey ci, long seq) {
    }

    private AgentSequences() {
    }

    /**
     * Records the numbers; returns, per event in the order given, whether it is new (false: a replay).
     * The same number twice in one call is new the first time only.
     */
    static List<Boolean> admit(Connection c, List<Numbered> events) throws SQLException {
        if (events.isEmpty()) {
            return List.of();
        }
        Set<Numbered> taken = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(TAKE)) {
            ps.setArray(1, c.createArrayOf("text", events.stream().map(e -> e.ci().value()).toArray()));
            ps.setArray(2, c.createArrayOf("bigint", events.stream().map(Numbered::seq).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    taken.add(new Numbered(CiKey.of(rs.getString(1)), rs.getLong(2)));
                }
            }
        }
        List<Boolean> fresh = new ArrayList<>(events.size());
        for (Numbered e : events) {
            fresh.add(taken.remove(e));
        }
        return fresh;
    }

    /** Forgets numbers taken longer ago than {@code retention}; returns how many. */
    static int forgetBefore(Connection c, Duration retention) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "delete from agent_seq_seen where seen_at < now() - ? * interval '1 millisecond'")) {
            ps.setLong(1, retention.toMillis());
            return ps.executeUpdate();
        }
    }
}

package dev.drift.service.compliance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drift.service.model.CiKey;
import dev.drift.service.system.SqlArrays;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The write side of compliance checks, on the caller's transaction: every check goes to
 * {@code compliance_check}, and {@code compliance_state} keeps the newest verdict and the newest
 * judged verdict per machine and pack.
 */
@Singleton
final class ComplianceStore {
    private static final String STATES = """
            select ci_id, pack, last_verdict, last_judged from compliance_state where ci_id = any(?)""";
    private static final String INSERT_CHECKS = """
            insert into compliance_check (ci_id, pack, pack_version, verdict, mismatch_count, mismatches, reason,
                                          duration_us, checked_at, job_id)
            select ci, pack, version, verdict, count, mismatches::jsonb, reason, took, at::timestamptz, job::uuid
              from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::int4[], ?::text[], ?::text[], ?::int8[],
                          ?::text[], ?::text[]) as u(ci, pack, version, verdict, count, mismatches, reason, took, at, job)""";
    private static final String UPSERT_STATES = """
            insert into compliance_state (ci_id, pack, last_verdict, last_judged, last_checked_at)
            select ci, pack, verdict, case when verdict = 'unknown' then null else verdict end, at::timestamptz
              from unnest(?::text[], ?::text[], ?::text[], ?::text[]) as u(ci, pack, verdict, at)
            on conflict (ci_id, pack) do update
               set last_verdict = excluded.last_verdict,
                   last_judged = coalesce(excluded.last_judged, compliance_state.last_judged),
                   last_checked_at = excluded.last_checked_at""";

    /** The stored state of every pack of the machines; a machine or pack never checked is missing. */
    Map<CiKey, Map<String, PackState>> states(Connection c, Collection<CiKey> cis) throws SQLException {
        Map<CiKey, Map<String, PackState>> states = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(STATES)) {
            ps.setArray(1, c.createArrayOf("text", cis.stream().map(CiKey::value).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String judged = rs.getString(4);
                    states.computeIfAbsent(CiKey.of(rs.getString(1)), k -> new HashMap<>()).put(rs.getString(2),
                            new PackState(Verdict.fromWire(rs.getString(3)),
                                    Optional.ofNullable(judged).map(Verdict::fromWire)));
                }
            }
        }
        return states;
    }

    /** Stores the checks and moves each machine and pack's state to its check. */
    void record(Connection c, List<PackCheck> checks) throws SQLException {
        if (checks.isEmpty()) {
            return;
        }
        SqlArrays rows = SqlArrays.of("text", "text", "text", "text", "int4", "text", "text", "int8", "text", "text");
        SqlArrays states = SqlArrays.text(4);
        for (PackCheck check : checks) {
            String verdict = check.stored().wireName();
            rows.add(check.ci().value(), check.pack(), check.packVersion(), verdict, check.mismatches().size(),
                    mismatchesJson(check.mismatches()), check.reason().orElse(null),
                    check.took().toNanos() / 1_000, check.checkedAt().toString(),
                    check.jobId().map(Object::toString).orElse(null));
            states.add(check.ci().value(), check.pack(), verdict, check.checkedAt().toString());
        }
        execute(c, INSERT_CHECKS, rows);
        execute(c, UPSERT_STATES, states);
    }

    private static void execute(Connection c, String sql, SqlArrays rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            rows.bind(c, ps, 1);
            ps.executeUpdate();
        }
    }

    /** {@code [{"item", "field", "expected", "actual"}]}, the shape the API shows. */
    static String mismatchesJson(List<Mismatch> mismatches) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Mismatch m : mismatches) {
            ObjectNode o = array.addObject();
            o.put("item", m.itemId());
            o.put("field", m.field().toString());
            o.put("expected", m.expected());
            o.put("actual", m.actual());
        }
        return array.toString();
    }
}

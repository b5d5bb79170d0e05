package dev.drift.service.compliance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drift.service.compliance.CiCompliance.Check;
import dev.drift.service.compliance.CiCompliance.PackHistory;
import dev.drift.service.compliance.CiCompliance.StoredMismatch;
import dev.drift.service.model.CiKey;
import dev.drift.service.system.Database;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The read side of compliance checks: a machine's latest verdict per pack from
 * {@code compliance_state} and its newest checks from {@code compliance_check}. Reads only.
 */
@Singleton
public final class ComplianceHistory {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHECKED = "select exists (select 1 from compliance_state where ci_id = ?)";
    /** Each pack's state with its newest checks, through the (ci_id, pack, checked_at desc, id desc) index. */
    private static final String HISTORY = """
            select s.pack, s.last_verdict, s.last_judged, s.last_checked_at,
                   c.pack_version, c.verdict, c.mismatch_count, c.mismatches::text, c.reason, c.duration_us,
                   c.checked_at, c.job_id
              from compliance_state s
              left join lateral (
                   select * from compliance_check c
                    where c.ci_id = s.ci_id and c.pack = s.pack and c.checked_at >= ?
                    order by c.checked_at desc, c.id desc
                    limit ?) c on true
             where s.ci_id = ? and (?::text is null or s.pack = ?)
             order by s.pack, c.checked_at desc, c.id desc""";

    private final Database database;

    ComplianceHistory(Database database) {
        this.database = database;
    }

    /** The machine's checks the query selects; empty when the machine was never checked against any pack. */
    public Optional<CiCompliance> of(CiKey ci, HistoryQuery query) {
        return database.read(c -> checked(c, ci) ? Optional.of(new CiCompliance(ci.value(), packs(c, ci, query)))
                : Optional.empty());
    }

    private static boolean checked(Connection c, CiKey ci) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CHECKED)) {
            ps.setString(1, ci.value());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static List<PackHistory> packs(Connection c, CiKey ci, HistoryQuery query) throws SQLException {
        Map<String, PackHistory> states = new LinkedHashMap<>();
        Map<String, List<Check>> checks = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(HISTORY)) {
            ps.setTimestamp(1, Timestamp.from(query.since().orElse(Instant.EPOCH)));
            ps.setInt(2, query.limit());
            ps.setString(3, ci.value());
            ps.setString(4, query.pack().orElse(null));
            ps.setString(5, query.pack().orElse(null));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String pack = rs.getString(1);
                    if (!states.containsKey(pack)) {
                        states.put(pack, new PackHistory(pack, rs.getString(2), rs.getString(3), instant(rs, 4),
                                List.of()));
                    }
                    if (rs.getString(6) != null) {
                        checks.computeIfAbsent(pack, p -> new ArrayList<>()).add(check(rs, pack));
                    }
                }
            }
        }
        return states.values().stream().map(s -> new PackHistory(s.pack(), s.verdict(), s.lastJudged(),
                s.lastCheckedAt(), checks.getOrDefault(s.pack(), List.of()))).toList();
    }

    private static Check check(ResultSet rs, String pack) throws SQLException {
        return new Check(pack, rs.getString(5), rs.getString(6), rs.getInt(7), mismatches(rs.getString(8)),
                rs.getString(9), rs.getLong(10), instant(rs, 11), rs.getObject(12, UUID.class));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    /** {@code [{"item", "field", "expected", "actual"}]} as {@link ComplianceStore#mismatchesJson} writes it. */
    private static List<StoredMismatch> mismatches(String json) {
        try {
            List<StoredMismatch> mismatches = new ArrayList<>();
            for (JsonNode m : JSON.readTree(json)) {
                mismatches.add(new StoredMismatch(m.path("item").asText(), m.path("field").asText(),
                        m.path("expected").asText(), m.path("actual").asText()));
            }
            return mismatches;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored mismatches are not JSON", e);
        }
    }
}

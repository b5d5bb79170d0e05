package dev.drift.service.ledger;

import dev.drift.service.model.CiKey;
import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldValueJson;
import dev.drift.service.outbox.Outbox;
import dev.drift.service.outbox.OutboxMessage;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The drift ledger's write side: reads the active events of CIs and applies {@link LedgerChange}s,
 * writing each status transition to the append-only {@code drift_history} and each announced
 * transition to the outbox, all on the caller's transaction.
 */
@Singleton
public final class DriftLedger {
    private static final String SELECT_ACTIVE = """
            select id, ci_id, ci_type, field_path, status, severity, desired_value::text, actual_value::text,
                   actual_source, first_detected_at, occurrence_count
              from drift_event where ci_id = any(?) and status <> 'resolved'""";
    private static final String INSERT = """
            insert into drift_event (id, ci_id, ci_type, field_path, category, desired_value, actual_value,
                desired_provenance, actual_source, actual_observed_at, severity, status, first_detected_at,
                last_seen_at, occurrence_count)
            values (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, 'open', ?, ?, 1)""";
    private static final String REFRESH = """
            update drift_event set desired_value = ?::jsonb, desired_provenance = ?::jsonb, actual_value = ?::jsonb,
                actual_source = ?, actual_observed_at = ?, last_seen_at = ?,
                occurrence_count = occurrence_count + ?
             where id = ?""";
    private static final String RESOLVE = """
            update drift_event set status = 'resolved', actual_value = ?::jsonb, resolved_at = ?, resolved_by = ?,
                last_seen_at = ?
             where id = ? and status <> 'resolved'""";
    private static final String HISTORY = """
            insert into drift_history (drift_id, at, from_status, to_status, actor, detail)
            values (?, ?, ?, ?, ?, ?::jsonb)""";

    private final Outbox outbox;

    DriftLedger(Outbox outbox) {
        this.outbox = outbox;
    }

    public Map<CiKey, Map<FieldPath, ActiveDrift>> active(Connection connection, Collection<CiKey> cis)
            throws SQLException {
        Map<CiKey, Map<FieldPath, ActiveDrift>> active = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(SELECT_ACTIVE)) {
            ps.setArray(1, connection.createArrayOf("text", cis.stream().map(CiKey::value).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ActiveDrift d = new ActiveDrift(rs.getObject(1, UUID.class), CiKey.of(rs.getString(2)),
                            rs.getString(3), FieldPath.parse(rs.getString(4)), DriftStatus.fromWire(rs.getString(5)),
                            Severity.fromWire(rs.getString(6)), FieldValueJson.fromJsonText(rs.getString(7)),
                            FieldValueJson.fromJsonText(rs.getString(8)), rs.getString(9),
                            rs.getTimestamp(10).toInstant(), rs.getInt(11));
                    active.computeIfAbsent(d.ci(), k -> new HashMap<>()).put(d.field(), d);
                }
            }
        }
        return active;
    }

    /** Applies the changes; {@code actor} is recorded in the history ({@code reconciler}, a user). */
    public void apply(Connection connection, List<LedgerChange> changes, Instant now, String actor)
            throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        List<OutboxMessage> messages = new ArrayList<>();
        Timestamp at = Timestamp.from(now);
        try (PreparedStatement insert = connection.prepareStatement(INSERT);
             PreparedStatement refresh = connection.prepareStatement(REFRESH);
             PreparedStatement resolve = connection.prepareStatement(RESOLVE);
             PreparedStatement history = connection.prepareStatement(HISTORY)) {
            for (LedgerChange change : changes) {
                switch (change) {
                    case LedgerChange.Open open -> {
                        UUID id = UUID.randomUUID();
                        addInsert(insert, id, open, at);
                        addHistory(history, id, at, null, DriftStatus.OPEN, actor, detailOf(open));
                        messages.add(DriftMessages.detected(id, open, now));
                    }
                    case LedgerChange.Refresh r -> addRefresh(refresh, r, at);
                    case LedgerChange.Resolve r -> {
                        addResolve(resolve, r, at);
                        addHistory(history, r.drift().id(), at, r.drift().status(), DriftStatus.RESOLVED, actor,
                                "{\"resolved_by\":\"" + r.by().wireName() + "\"}");
                        messages.add(DriftMessages.resolved(r, now));
                    }
                }
            }
            insert.executeBatch();
            refresh.executeBatch();
            resolve.executeBatch();
            history.executeBatch();
        }
        outbox.enqueue(connection, messages);
    }

    private static void addInsert(PreparedStatement ps, UUID id, LedgerChange.Open open, Timestamp at)
            throws SQLException {
        ps.setObject(1, id);
        ps.setString(2, open.ci().value());
        ps.setString(3, open.ciType());
        ps.setString(4, open.field().toString());
        ps.setString(5, open.field().category().wireName());
        ps.setString(6, FieldValueJson.toJsonText(open.desired()));
        ps.setString(7, FieldValueJson.toJsonText(open.actual()));
        ps.setString(8, DriftMessages.provenance(open.provenance()).toString());
        ps.setString(9, open.actualSource());
        ps.setTimestamp(10, Timestamp.from(open.actualObservedAt()));
        ps.setString(11, open.severity().wireName());
        ps.setTimestamp(12, at);
        ps.setTimestamp(13, at);
        ps.addBatch();
    }

    private static void addRefresh(PreparedStatement ps, LedgerChange.Refresh r, Timestamp at) throws SQLException {
        ps.setString(1, FieldValueJson.toJsonText(r.desired()));
        ps.setString(2, DriftMessages.provenance(r.provenance()).toString());
        ps.setString(3, FieldValueJson.toJsonText(r.actual()));
        ps.setString(4, r.actualSource());
        ps.setTimestamp(5, Timestamp.from(r.actualObservedAt()));
        ps.setTimestamp(6, at);
        ps.setInt(7, r.newObservation() ? 1 : 0);
        ps.setObject(8, r.drift().id());
        ps.addBatch();
    }

    private static void addResolve(PreparedStatement ps, LedgerChange.Resolve r, Timestamp at) throws SQLException {
        ps.setString(1, FieldValueJson.toJsonText(r.actual()));
        ps.setTimestamp(2, at);
        ps.setString(3, r.by().wireName());
        ps.setTimestamp(4, at);
        ps.setObject(5, r.drift().id());
        ps.addBatch();
    }

    private static void addHistory(PreparedStatement ps, UUID id, Timestamp at, DriftStatus from, DriftStatus to,
                                   String actor, String detailJson) throws SQLException {
        ps.setObject(1, id);
        ps.setTimestamp(2, at);
        ps.setString(3, from == null ? null : from.wireName());
        ps.setString(4, to.wireName());
        ps.setString(5, actor);
        ps.setString(6, detailJson);
        ps.addBatch();
    }

    private static String detailOf(LedgerChange.Open open) {
        var node = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        node.set("desired", FieldValueJson.toJson(open.desired()));
        node.set("actual", FieldValueJson.toJson(open.actual()));
        node.put("actual_source", open.actualSource());
        return node.toString();
    }
}

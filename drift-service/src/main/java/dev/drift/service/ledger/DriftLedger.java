package dev.drift.service.ledger;

import dev.drift.service.model.CiKey;
import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldValueJson;
import dev.drift.service.outbox.Outbox;
import dev.drift.service.outbox.OutboxMessage;
import dev.drift.service.system.SqlArrays;
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
import java.util.Optional;
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
                   actual_source, first_detected_at, occurrence_count, suppressed_by, policy_id
              from drift_event where ci_id = any(?) and status <> 'resolved'""";
    private static final String INSERT = """
            insert into drift_event (id, ci_id, ci_type, field_path, category, desired_value, actual_value,
                desired_provenance, actual_source, actual_observed_at, severity, status, first_detected_at,
                last_seen_at, occurrence_count, suppressed_by, policy_id)
            select id::uuid, ci, type, path, category, desired::jsonb, actual::jsonb, provenance::jsonb, src,
                   seen::timestamptz, severity, status, ?, ?, 1, suppressed_by, policy::uuid
              from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                          ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                   as u(id, ci, type, path, category, desired, actual, provenance, src, seen, severity, status,
                        suppressed_by, policy)""";
    private static final String REFRESH = """
            update drift_event d set desired_value = u.desired::jsonb, desired_provenance = u.provenance::jsonb,
                   actual_value = u.actual::jsonb, actual_source = u.src, actual_observed_at = u.seen::timestamptz,
                   last_seen_at = ?, occurrence_count = d.occurrence_count + u.bump
              from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int4[])
                   as u(id, desired, provenance, actual, src, seen, bump)
             where d.id = u.id::uuid""";
    private static final String RESOLVE = """
            update drift_event d set status = 'resolved', actual_value = u.actual::jsonb, resolved_at = ?,
                   resolved_by = u.by, last_seen_at = ?
              from unnest(?::text[], ?::text[], ?::text[]) as u(id, actual, by)
             where d.id = u.id::uuid and d.status <> 'resolved'""";
    private static final String RECLASSIFY = """
            update drift_event d set status = u.status, suppressed_by = u.suppressed_by
              from unnest(?::text[], ?::text[], ?::text[]) as u(id, status, suppressed_by)
             where d.id = u.id::uuid and d.status <> 'resolved'""";
    private static final String HISTORY = """
            insert into drift_history (drift_id, at, from_status, to_status, actor, detail)
            select id::uuid, ?, from_status, to_status, ?, detail::jsonb
              from unnest(?::text[], ?::text[], ?::text[], ?::text[]) as u(id, from_status, to_status, detail)""";

    private static final String SETTLING = """
            insert into drift_candidate (ci_id, field_path, first_seen_at)
            select ci, path, since::timestamptz from unnest(?::text[], ?::text[], ?::text[]) as u(ci, path, since)
            on conflict (ci_id, field_path) do nothing""";
    private static final String SETTLED = """
            delete from drift_candidate d using unnest(?::text[], ?::text[]) as u(ci, path)
             where d.ci_id = u.ci and d.field_path = u.path""";
    private static final String CANDIDATES = """
            select ci_id, field_path, first_seen_at from drift_candidate where ci_id = any(?)""";

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
                            rs.getTimestamp(10).toInstant(), rs.getInt(11), Optional.ofNullable(rs.getString(12)),
                            Optional.ofNullable(rs.getObject(13, UUID.class)));
                    active.computeIfAbsent(d.ci(), k -> new HashMap<>()).put(d.field(), d);
                }
            }
        }
        return active;
    }

    /** Since when each settling field of the CIs differs from desired. */
    public Map<CiKey, Map<FieldPath, Instant>> candidates(Connection connection, Collection<CiKey> cis)
            throws SQLException {
        Map<CiKey, Map<FieldPath, Instant>> candidates = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(CANDIDATES)) {
            ps.setArray(1, connection.createArrayOf("text", cis.stream().map(CiKey::value).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    candidates.computeIfAbsent(CiKey.of(rs.getString(1)), k -> new HashMap<>())
                            .put(FieldPath.parse(rs.getString(2)), rs.getTimestamp(3).toInstant());
                }
            }
        }
        return candidates;
    }

    /**
     * Applies the changes, one statement per kind of change; {@code actor} is recorded in the
     * history ({@code reconciler}, a user). Returns the status transitions applied, for the caller to
     * plan their actions on the same transaction.
     */
    public List<Transition> apply(Connection connection, List<LedgerChange> changes, Instant now, String actor)
            throws SQLException {
        if (changes.isEmpty()) {
            return List.of();
        }
        List<Transition> transitions = new ArrayList<>();
        List<OutboxMessage> messages = new ArrayList<>();
        SqlArrays inserts = SqlArrays.text(14);
        SqlArrays reclassified = SqlArrays.text(3);
        SqlArrays refreshes = SqlArrays.of("text", "text", "text", "text", "text", "text", "int4");
        SqlArrays resolves = SqlArrays.text(3);
        SqlArrays history = SqlArrays.text(4);
        SqlArrays settling = SqlArrays.text(3);
        SqlArrays settled = SqlArrays.text(2);
        for (LedgerChange change : changes) {
            switch (change) {
                case LedgerChange.Open open -> {
                    UUID id = UUID.randomUUID();
                    inserts.add(id.toString(), open.ci().value(), open.ciType(), open.field().toString(),
                            open.field().category().wireName(), FieldValueJson.toJsonText(open.desired()),
                            FieldValueJson.toJsonText(open.actual()),
                            DriftMessages.provenance(open.provenance()).toString(), open.actualSource(),
                            open.actualObservedAt().toString(), open.severity().wireName(), open.status().wireName(),
                            open.suppressedBy().orElse(null), open.policyId().map(UUID::toString).orElse(null));
                    history.add(id.toString(), null, open.status().wireName(), detailOf(open));
                    messages.add(DriftMessages.detected(id, open, now));
                    settled.add(open.ci().value(), open.field().toString());
                    transitions.add(new Transition(opened(id, open, now), Optional.empty(), Optional.empty(), now));
                }
                case LedgerChange.Reclassify r -> {
                    reclassified.add(r.drift().id().toString(), r.to().wireName(), r.suppressedBy().orElse(null));
                    history.add(r.drift().id().toString(), r.drift().status().wireName(), r.to().wireName(),
                            suppressionDetail(r.suppressedBy()));
                    transitions.add(new Transition(r.drift().withStatus(r.to(), r.suppressedBy()),
                            Optional.of(r.drift().status()), Optional.empty(), now));
                }
                case LedgerChange.Refresh r -> refreshes.add(r.drift().id().toString(),
                        FieldValueJson.toJsonText(r.desired()), DriftMessages.provenance(r.provenance()).toString(),
                        FieldValueJson.toJsonText(r.actual()), r.actualSource(), r.actualObservedAt().toString(),
                        r.newObservation() ? 1 : 0);
                case LedgerChange.Resolve r -> {
                    resolves.add(r.drift().id().toString(), FieldValueJson.toJsonText(r.actual()), r.by().wireName());
                    history.add(r.drift().id().toString(), r.drift().status().wireName(),
                            DriftStatus.RESOLVED.wireName(), "{\"resolved_by\":\"" + r.by().wireName() + "\"}");
                    messages.add(DriftMessages.resolved(r, now));
                    transitions.add(new Transition(resolved(r), Optional.of(r.drift().status()), Optional.of(r.by()),
                            now));
                }
                case LedgerChange.Settling st -> settling.add(st.ci().value(), st.field().toString(),
                        st.since().toString());
                case LedgerChange.Settled st -> settled.add(st.ci().value(), st.field().toString());
            }
        }
        Timestamp at = Timestamp.from(now);
        execute(connection, INSERT, inserts, List.of(at, at));
        execute(connection, REFRESH, refreshes, List.of(at));
        execute(connection, RESOLVE, resolves, List.of(at, at));
        execute(connection, RECLASSIFY, reclassified, List.of());
        execute(connection, HISTORY, history, List.of(at, actor));
        execute(connection, SETTLING, settling, List.of());
        execute(connection, SETTLED, settled, List.of());
        outbox.enqueue(connection, messages);
        return transitions;
    }

    private static ActiveDrift opened(UUID id, LedgerChange.Open open, Instant now) {
        return new ActiveDrift(id, open.ci(), open.ciType(), open.field(), open.status(), open.severity(),
                open.desired(), open.actual(), open.actualSource(), now, 1, open.suppressedBy(), open.policyId());
    }

    private static ActiveDrift resolved(LedgerChange.Resolve r) {
        ActiveDrift d = r.drift();
        return new ActiveDrift(d.id(), d.ci(), d.ciType(), d.field(), DriftStatus.RESOLVED, d.severity(), d.desired(),
                r.actual(), r.actualSource(), d.firstDetectedAt(), d.occurrenceCount(), Optional.empty(), d.policyId());
    }

    private static String suppressionDetail(Optional<String> suppressedBy) {
        var node = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        suppressedBy.ifPresentOrElse(by -> node.put("suppressed_by", by), () -> node.putNull("suppressed_by"));
        return node.toString();
    }

    /** Binds the leading scalar parameters, then the row columns as arrays. */
    private static void execute(Connection connection, String sql, SqlArrays rows, List<Object> leading)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < leading.size(); i++) {
                ps.setObject(i + 1, leading.get(i));
            }
            rows.bind(connection, ps, leading.size() + 1);
            ps.executeUpdate();
        }
    }

    private static String detailOf(LedgerChange.Open open) {
        var node = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        node.set("desired", FieldValueJson.toJson(open.desired()));
        node.set("actual", FieldValueJson.toJson(open.actual()));
        node.put("actual_source", open.actualSource());
        open.suppressedBy().ifPresent(by -> node.put("suppressed_by", by));
        return node.toString();
    }
}

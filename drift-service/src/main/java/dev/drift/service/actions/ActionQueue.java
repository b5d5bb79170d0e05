package dev.drift.service.actions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drift.service.system.SqlArrays;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code drift_action} table: actions are inserted on the transaction of the transition that
 * causes them (a duplicate idempotency key is dropped), then leased, delivered and marked by the
 * dispatchers. A lease that runs out (the process died mid-delivery) makes the action due again.
 * A notification also carries the message last begun for it ({@link #sending}, the
 * {@code unconfirmed_*} columns) until its outcome is recorded, so that the next attempt can tell a
 * send whose outcome is unknown from one that was refused, or never begun.
 */
@Singleton
final class ActionQueue {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR = 2000;

    void enqueue(Connection c, Collection<NewAction> actions) throws SQLException {
        record(c, actions, Map.of());
    }

    /**
     * In one statement: cancels the pending remediation of the drifts in {@code cancelRemediation}
     * (with the reason given; runs being delivered are left to finish), and inserts the actions. An
     * action whose key is already there is dropped; one marked {@link NewAction#ifAnnounced()} is
     * inserted only when the drift's opening was announced on its target.
     *
     * <p>That check is a lateral lookup by drift id ({@code drift_action_drift}) for each new row:
     * written as {@code or exists (...)}, PostgreSQL hashed it into one sequential scan of the whole
     * table per batch, so every batch with a resolution cost time in proportion to all actions ever
     * recorded.
     */
    void record(Connection c, Collection<NewAction> actions, Map<UUID, String> cancelRemediation)
            throws SQLException {
        if (actions.isEmpty() && cancelRemediation.isEmpty()) {
            return;
        }
        SqlArrays rows = SqlArrays.text(9);
        for (NewAction a : actions) {
            rows.add(a.driftId().toString(), a.kind().wireName(), a.target(), a.transition(), a.idempotencyKey(),
                    a.payload().toString(), a.skippedBecause().orElse(null), a.dueAt().toString(),
                    Boolean.toString(a.ifAnnounced()));
        }
        SqlArrays cancels = SqlArrays.text(2);
        cancelRemediation.forEach((drift, reason) -> cancels.add(drift.toString(), reason));
        try (PreparedStatement ps = c.prepareStatement("""
                with cancelled as (
                    update drift_action a set state = 'cancelled', last_error = u.reason, completed_at = now(),
                           lease_until = null
                      from unnest(?::text[], ?::text[]) as u(drift, reason)
                     where a.drift_id = u.drift::uuid and a.state = 'pending' and a.kind in ('remediate', 'verify')
                       and (a.lease_until is null or a.lease_until < now())
                    returning a.id)
                insert into drift_action (drift_id, kind, target, transition, idempotency_key, payload, state, due_at,
                                          last_error, completed_at)
                select drift::uuid, kind, target, transition, key, payload::jsonb,
                       case when skipped is null then 'pending' else 'skipped' end, due::timestamptz, skipped,
                       case when skipped is null then null else now() end
                  from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                              ?::text[]) as u(drift, kind, target, transition, key, payload, skipped, due, if_announced)
                  left join lateral (select true as announced from drift_action o
                                      where o.drift_id = u.drift::uuid and o.target = u.target and o.kind = 'notify'
                                        and o.transition like 'opened%' and o.state in ('pending', 'delivered')
                                      limit 1) a on true
                 where not u.if_announced::boolean or a.announced
                on conflict (idempotency_key) do nothing""")) {
            cancels.bind(c, ps, 1);
            rows.bind(c, ps, 3);
            ps.executeUpdate();
        }
    }

    /**
     * Which worker claims: each has its own partial index of due actions ({@code V7}), so one worker
     * never scans the other's backlog. The kinds are literals in the SQL for the planner to match the
     * index.
     */
    enum Scope {
        DELIVERIES("kind in ('notify', 'change_request', 'incident')"),
        REMEDIATION("kind in ('remediate', 'verify')");

        private final String predicate;

        Scope(String predicate) {
            this.predicate = predicate;
        }
    }

    /** Leases up to {@code limit} due actions of the scope, oldest first. */
    List<ClaimedAction> claim(Connection c, Scope scope, int limit, Duration lease) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update drift_action a set lease_until = now() + ? * interval '1 millisecond', attempts = a.attempts + 1
                 where a.id in (select id from drift_action
                                 where state = 'pending' and due_at <= now() and %s
                                   and (lease_until is null or lease_until < now())
                                 order by due_at, id limit ? for update skip locked)
                returning a.id, a.drift_id, a.kind, a.target, a.transition, a.idempotency_key, a.payload::text,
                          a.attempts, a.unconfirmed_key, a.unconfirmed_thread, a.unconfirmed_digest,
                          a.unconfirmed_since""".formatted(scope.predicate))) {
            ps.setLong(1, lease.toMillis());
            ps.setInt(2, limit);
            List<ClaimedAction> claimed = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new ClaimedAction(rs.getLong(1), rs.getObject(2, UUID.class),
                            ActionKind.fromWire(rs.getString(3)), rs.getString(4), rs.getString(5), rs.getString(6),
                            parse(rs.getString(7)), rs.getInt(8), unconfirmed(rs)));
                }
            }
            claimed.sort(Comparator.comparingLong(ClaimedAction::id));
            return claimed;
        }
    }

    private static Optional<UnconfirmedMessage> unconfirmed(ResultSet rs) throws SQLException {
        String key = rs.getString(9);
        return key == null ? Optional.empty() : Optional.of(new UnconfirmedMessage(key,
                Optional.ofNullable(rs.getString(10)), rs.getBoolean(11), rs.getTimestamp(12).toInstant()));
    }

    /**
     * Records, before the channel is called, the message about to be sent for the actions: until the
     * outcome is recorded, a later attempt knows it may be in the channel already.
     */
    void sending(Connection c, Collection<Long> ids, ChannelMessage message) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update drift_action set unconfirmed_key = ?, unconfirmed_thread = ?, unconfirmed_digest = ?,
                       unconfirmed_since = now() where id = any(?) and state = 'pending'""")) {
            ps.setString(1, message.idempotencyKey());
            ps.setString(2, message.threadRef().orElse(null));
            ps.setBoolean(3, message.digest());
            ps.setArray(4, c.createArrayOf("bigint", ids.toArray()));
            ps.executeUpdate();
        }
    }

    /** The channel was searched and the unconfirmed message is not there: it was not sent. */
    void notSent(Connection c, Collection<Long> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update drift_action set unconfirmed_key = null, unconfirmed_thread = null, unconfirmed_digest = null,
                       unconfirmed_since = null where id = any(?)""")) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            ps.executeUpdate();
        }
    }

    void delivered(Connection c, long id, ObjectNode result) throws SQLException {
        delivered(c, List.of(id), result);
    }

    /** Marks the actions delivered with one result (the message that covered them all). */
    void delivered(Connection c, Collection<Long> ids, ObjectNode result) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update drift_action set state = 'delivered', result = ?::jsonb, completed_at = now(), lease_until = null,
                       last_error = null, unconfirmed_key = null, unconfirmed_thread = null, unconfirmed_digest = null,
                       unconfirmed_since = null where id = any(?) and state = 'pending'""")) {
            ps.setString(1, result.toString());
            ps.setArray(2, c.createArrayOf("bigint", ids.toArray()));
            ps.executeUpdate();
        }
    }

    /**
     * Due again at {@code dueAt}, with why the attempt failed. The attempt is known not to have sent
     * anything, so a message recorded as {@link #sending} is forgotten.
     */
    void retryAt(Connection c, long id, String error, Instant dueAt) throws SQLException {
        retryAt(c, id, error, dueAt, false);
    }

    /**
     * Due again at {@code dueAt}; {@code inDoubt}: the attempt may have sent its message (a timeout, a
     * 5xx, a lookup that failed), which stays recorded for the next attempt to look up.
     */
    void retryAt(Connection c, long id, String error, Instant dueAt, boolean inDoubt) throws SQLException {
        String forget = inDoubt ? ""
                : ", unconfirmed_key = null, unconfirmed_thread = null, unconfirmed_digest = null, unconfirmed_since = null";
        try (PreparedStatement ps = c.prepareStatement("""
                update drift_action set due_at = ?, lease_until = null, last_error = ?%s
                 where id = ? and state = 'pending'""".formatted(forget))) {
            ps.setTimestamp(1, Timestamp.from(dueAt));
            ps.setString(2, truncate(error));
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    /** Not done because it no longer makes sense (the drift resolved before the run began). */
    void cancel(Connection c, long id, String reason) throws SQLException {
        update(c, """
                update drift_action set state = 'cancelled', last_error = ?, completed_at = now(), lease_until = null
                 where id = ? and state = 'pending'""", reason, id);
    }

    /** Given up: the target refused it for good, or it kept failing for too long. */
    void failed(Connection c, long id, String error) throws SQLException {
        update(c, """
                update drift_action set state = 'failed', last_error = ?, completed_at = now(), lease_until = null
                 where id = ? and state = 'pending'""", truncate(error), id);
    }



    /**
     * The channel's references (a Slack {@code ts}) of the single messages that announced the drifts'
     * openings (the latest one per drift); drifts without one are absent.
     */
    Map<UUID, String> openingReferences(Connection c, Collection<UUID> driftIds, String target) throws SQLException {
        Map<UUID, String> references = new HashMap<>();
        if (driftIds.isEmpty()) {
            return references;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                select distinct on (drift_id) drift_id, result ->> 'reference' from drift_action
                 where drift_id = any(?) and target = ? and kind = 'notify' and transition like 'opened%'
                   and state = 'delivered' and result ->> 'reference' is not null
                   and not coalesce((result ->> 'digest')::boolean, false)
                 order by drift_id, id desc""")) {
            ps.setArray(1, c.createArrayOf("uuid", driftIds.toArray()));
            ps.setString(2, target);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    references.put(rs.getObject(1, UUID.class), rs.getString(2));
                }
            }
        }
        return references;
    }

    private static void update(Connection c, String sql, String text, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, text);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    private static String truncate(String s) {
        return s == null || s.length() <= MAX_ERROR ? s : s.substring(0, MAX_ERROR);
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("drift_action payload is not a JSON object", e);
        }
    }
}

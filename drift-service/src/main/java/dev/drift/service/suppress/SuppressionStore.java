package dev.drift.service.suppress;

import dev.drift.service.model.CiKey;
import dev.drift.service.model.CiPattern;
import dev.drift.service.model.FieldPattern;
import dev.drift.service.model.FieldValue;
import dev.drift.service.model.FieldValueJson;
import dev.drift.service.reconcile.ReconcileRequests;
import dev.drift.service.system.Database;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Exceptions ({@code drift_exception}) and change windows ({@code change_window}) in PostgreSQL.
 *
 * <p>Every write asks for the affected CIs to be reconciled, in the same transaction, so the ledger
 * follows at once: a new exception turns matching open drift into {@code excepted}, a revoked one
 * turns it back into {@code open}. A change window also asks for a reconcile of its CI when it opens
 * and when it closes. Expiry is handled by {@link SuppressionExpiry}, which asks for a reconcile of
 * the CIs an expired exception covered; the reconciler itself never trusts an expired one, so
 * expiry takes effect at the latest when the CI is next reconciled.
 */
@Singleton
public final class SuppressionStore {
    private static final String EXCEPTION_COLUMNS = "id, ci_pattern, field_pattern, has_allowed_value,"
            + " allowed_value::text, reason, approved_by, created_by, created_at, expires_at, revoked_at";
    private static final String CHANGE_COLUMNS = "id, change_id, ci_id, fields, starts_at, ends_at, approved_by,"
            + " created_by, created_at";

    private final Database database;
    private final ReconcileRequests requests;

    SuppressionStore(Database database, ReconcileRequests requests) {
        this.database = database;
        this.requests = requests;
    }

    /** What may cover drift of the CIs at {@code now}: live exceptions, and the CIs' open change windows. */
    public Suppressions load(Connection c, Collection<CiKey> cis, Instant now) throws SQLException {
        List<DriftExceptionRule> exceptions = queryExceptions(c,
                " where revoked_at is null and expires_at > ? order by created_at, id", Timestamp.from(now));
        List<ChangeWindow> changes = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select " + CHANGE_COLUMNS + " from change_window"
                + " where ci_id = any(?) and starts_at <= ? and ends_at > ? order by starts_at, id")) {
            ps.setArray(1, c.createArrayOf("text", cis.stream().map(CiKey::value).toArray()));
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setTimestamp(3, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    changes.add(change(rs));
                }
            }
        }
        return new Suppressions(exceptions, changes);
    }

    /** Exceptions, newest first; expired and revoked ones only when asked. */
    public List<DriftExceptionRule> listExceptions(boolean includeEnded) {
        return database.read(c -> queryExceptions(c, includeEnded ? " order by created_at desc, id"
                : " where revoked_at is null and expires_at > now() order by created_at desc, id", null));
    }

    public Optional<DriftExceptionRule> findException(UUID id) {
        return database.read(c -> queryExceptions(c, " where id = ?", id)).stream().findFirst();
    }

    /** Stores the exception and asks for a reconcile of the CIs with active drift it matches. */
    public DriftExceptionRule createException(DriftExceptionRule e) {
        return database.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into drift_exception (id, ci_pattern,"
                    + " field_pattern, has_allowed_value, allowed_value, reason, approved_by, created_by, created_at,"
                    + " expires_at) values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)")) {
                ps.setObject(1, e.id());
                ps.setString(2, e.ci().glob());
                ps.setString(3, e.field().glob());
                ps.setBoolean(4, e.allowedValue().isPresent());
                ps.setString(5, e.allowedValue().map(FieldValueJson::toJsonText).orElse(null));
                ps.setString(6, e.reason());
                ps.setString(7, e.approvedBy());
                ps.setString(8, e.createdBy());
                ps.setTimestamp(9, Timestamp.from(e.createdAt()));
                ps.setTimestamp(10, Timestamp.from(e.expiresAt()));
                ps.executeUpdate();
            }
            requests.request(c, activeDriftCis(c, e.ci()));
            return e;
        });
    }

    /**
     * Revokes a live exception (it stays listed, with when); the drift it covered is re-evaluated.
     * Returns empty when there is no such exception; revoking twice is harmless.
     */
    public Optional<DriftExceptionRule> revokeException(UUID id) {
        return database.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "update drift_exception set revoked_at = now() where id = ? and revoked_at is null")) {
                ps.setObject(1, id);
                ps.executeUpdate();
            }
            Optional<DriftExceptionRule> rule = queryExceptions(c, " where id = ?", id).stream().findFirst();
            if (rule.isPresent()) {
                requests.request(c, coveredBy(c, "exception:" + id));
            }
            return rule;
        });
    }

    /** Change windows of a CI (all CIs when empty) that have not ended, earliest first. */
    public List<ChangeWindow> listChanges(Optional<CiKey> ci, boolean includeEnded) {
        return database.read(c -> {
            String where = (includeEnded ? " where true" : " where ends_at > now()")
                    + (ci.isPresent() ? " and ci_id = ?" : "");
            try (PreparedStatement ps = c.prepareStatement("select " + CHANGE_COLUMNS + " from change_window"
                    + where + " order by starts_at, id")) {
                if (ci.isPresent()) {
                    ps.setString(1, ci.get().value());
                }
                List<ChangeWindow> changes = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        changes.add(change(rs));
                    }
                }
                return changes;
            }
        });
    }

    /**
     * Stores the change window, or replaces the one with the same change id (an ITSM pushing an
     * update of the same change), and asks for a reconcile of the CI now, when it opens and when it closes.
     */
    public ChangeWindow putChange(ChangeWindow w) {
        return database.write(c -> upsert(c, w, false)).orElseThrow();
    }

    /**
     * Stores the window unless one with the same change id and the same CI, fields and times is
     * already there; returns whether anything changed (and the CI was asked to be re-evaluated).
     */
    boolean putChangeIfChanged(ChangeWindow w) {
        return database.write(c -> upsert(c, w, true)).isPresent();
    }

    private Optional<ChangeWindow> upsert(Connection c, ChangeWindow w, boolean onlyIfChanged) throws SQLException {
        ChangeWindow stored;
        try (PreparedStatement ps = c.prepareStatement("""
                insert into change_window (id, change_id, ci_id, fields, starts_at, ends_at, approved_by, created_by,
                                           created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (change_id) do update set ci_id = excluded.ci_id, fields = excluded.fields,
                    starts_at = excluded.starts_at, ends_at = excluded.ends_at, approved_by = excluded.approved_by,
                    settled_at = null
                 where not ? or (change_window.ci_id, change_window.fields, change_window.starts_at,
                                 change_window.ends_at) is distinct from
                                (excluded.ci_id, excluded.fields, excluded.starts_at, excluded.ends_at)
                returning id, created_by, created_at""")) {
            ps.setObject(1, w.id());
            ps.setString(2, w.changeId());
            ps.setString(3, w.ci().value());
            ps.setArray(4, c.createArrayOf("text", w.fields().stream().map(FieldPattern::glob).toArray()));
            ps.setTimestamp(5, Timestamp.from(w.startsAt()));
            ps.setTimestamp(6, Timestamp.from(w.endsAt()));
            ps.setString(7, w.approvedBy());
            ps.setString(8, w.createdBy());
            ps.setTimestamp(9, Timestamp.from(w.createdAt()));
            ps.setBoolean(10, onlyIfChanged);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                stored = new ChangeWindow(rs.getObject(1, UUID.class), w.changeId(), w.ci(), w.fields(),
                        w.startsAt(), w.endsAt(), w.approvedBy(), rs.getString(2),
                        rs.getTimestamp(3).toInstant());
            }
        }
        requests.request(c, List.of(w.ci()));
        requests.requestAt(c, w.ci(), w.startsAt());
        requests.requestAt(c, w.ci(), w.endsAt());
        return Optional.of(stored);
    }

    /** Withdraws a change window; its CI is re-evaluated. False when there is no such change. */
    public boolean deleteChange(String changeId) {
        return database.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "delete from change_window where change_id = ? returning ci_id")) {
                ps.setString(1, changeId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                    requests.request(c, List.of(CiKey.of(rs.getString(1))));
                    return true;
                }
            }
        });
    }

    /**
     * Asks for a reconcile of the CIs covered by exceptions that expired or were revoked and by
     * change windows that closed, once each; returns how many exceptions and windows were settled.
     */
    int settleEnded() {
        return database.write(c -> {
            int settled = 0;
            try (PreparedStatement ps = c.prepareStatement("""
                    update drift_exception set settled_at = now()
                     where settled_at is null and (expires_at <= now() or revoked_at is not null)
                    returning id""")) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        requests.request(c, coveredBy(c, "exception:" + rs.getObject(1, UUID.class)));
                        settled++;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    update change_window set settled_at = now() where settled_at is null and ends_at <= now()
                    returning ci_id""")) {
                Set<CiKey> cis = new LinkedHashSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        cis.add(CiKey.of(rs.getString(1)));
                        settled++;
                    }
                }
                requests.request(c, cis);
            }
            return settled;
        });
    }

    private static List<CiKey> coveredBy(Connection c, String ref) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select distinct ci_id from drift_event where suppressed_by = ? and status <> 'resolved'")) {
            ps.setString(1, ref);
            List<CiKey> cis = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    cis.add(CiKey.of(rs.getString(1)));
                }
            }
            return cis;
        }
    }

    private static List<CiKey> activeDriftCis(Connection c, CiPattern pattern) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select distinct ci_id from drift_event where status <> 'resolved'")) {
            List<CiKey> cis = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    CiKey ci = CiKey.of(rs.getString(1));
                    if (pattern.matches(ci)) {
                        cis.add(ci);
                    }
                }
            }
            return cis;
        }
    }

    private static List<DriftExceptionRule> queryExceptions(Connection c, String where, Object parameter)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + EXCEPTION_COLUMNS + " from drift_exception"
                + where)) {
            if (parameter != null) {
                ps.setObject(1, parameter);
            }
            List<DriftExceptionRule> rules = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Optional<FieldValue> allowed = rs.getBoolean(4)
                            ? Optional.of(FieldValueJson.fromJsonText(rs.getString(5))) : Optional.empty();
                    Timestamp revoked = rs.getTimestamp(11);
                    rules.add(new DriftExceptionRule(rs.getObject(1, UUID.class), CiPattern.of(rs.getString(2)),
                            FieldPattern.of(rs.getString(3)), allowed, rs.getString(6), rs.getString(7),
                            rs.getString(8), rs.getTimestamp(9).toInstant(), rs.getTimestamp(10).toInstant(),
                            Optional.ofNullable(revoked).map(Timestamp::toInstant)));
                }
            }
            return rules;
        }
    }

    private static ChangeWindow change(ResultSet rs) throws SQLException {
        String[] fields = (String[]) rs.getArray(4).getArray();
        return new ChangeWindow(rs.getObject(1, UUID.class), rs.getString(2), CiKey.of(rs.getString(3)),
                Arrays.stream(fields).map(FieldPattern::of).toList(), rs.getTimestamp(5).toInstant(),
                rs.getTimestamp(6).toInstant(), rs.getString(7), rs.getString(8), rs.getTimestamp(9).toInstant());
    }
}

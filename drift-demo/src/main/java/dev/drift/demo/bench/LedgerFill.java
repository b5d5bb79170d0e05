package dev.drift.demo.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Fills the drift ledger straight in PostgreSQL ({@code generate_series}), for the API benchmark.
 *
 * <p>Row {@code i} is on CI {@code bench-ci-<i % 10,000>} and one of 10 fields ({@code (i / 10,000) % 10}),
 * first detected {@code i × 5 s} before the anchor (so 1,000,000 rows span 58 days, inside the
 * 90-day retention of resolved drift), with severities info 40 %, warning 30 %, high 20 %,
 * critical 10 %. Only the newest 100,000 rows can be active, each on its own (CI, field) as the
 * ledger's unique index wants: a tenth of them open, one in 50 acknowledged, one in 100
 * escalated; every other row is resolved. So the ledger has 1,300 active drifts at 10,000 rows and
 * 13,000 from 100,000 rows on. The list API reads {@code drift_event} alone, so no history rows are
 * written.
 */
final class LedgerFill {
    static final int CIS = 10_000;
    static final int FIELDS = 10;
    private static final int ACTIVE_ROWS = CIS * FIELDS;
    private static final int BATCH = 100_000;

    private static final String INSERT = """
            insert into drift_event (id, ci_id, ci_type, field_path, category, desired_value, actual_value,
                desired_provenance, actual_source, actual_observed_at, severity, status, first_detected_at,
                last_seen_at, occurrence_count, resolved_at, resolved_by)
            select gen_random_uuid(), 'bench-ci-' || (i % {CIS}),
                (array['vm','server','switch'])[1 + (i % {CIS}) % 3],
                (array['power_state','packages.openssh-server','packages.nginx',
                       'files./etc/ssh/sshd_config.PermitRootLogin','network.interfaces.eth0.vlan',
                       'users.deploy.shell','services.chronyd.state','firmware.bios','kernel.version',
                       'files./etc/motd'])[1 + (i / {CIS}) % 10],
                (array['state','package','package','security','network','configuration','state','firmware',
                       'package','configuration'])[1 + (i / {CIS}) % 10],
                '"on"'::jsonb, '"off"'::jsonb, '{"source":"file","path":"desired-state"}'::jsonb, 'bench',
                detected, severity, status, detected,
                case when status = 'resolved' then detected + (1 + i % 120) * interval '1 minute'
                     else ?::timestamptz - (i % 60) * interval '1 second' end,
                1 + i % 5,
                case when status = 'resolved' then detected + (1 + i % 120) * interval '1 minute' end,
                case when status = 'resolved' then 'reconcile' end
            from (select i, ?::timestamptz - interval '2 hours' - i * interval '5 seconds' as detected,
                         case when (i * 37 + i / 10) % 10 < 4 then 'info'
                              when (i * 37 + i / 10) % 10 < 7 then 'warning'
                              when (i * 37 + i / 10) % 10 < 9 then 'high'
                              else 'critical' end as severity,
                         case when i >= {ACTIVE} then 'resolved'
                              when i % 10 = 0 then 'open'
                              when i % 50 = 5 then 'acknowledged'
                              when i % 100 = 7 then 'escalated'
                              else 'resolved' end as status
                  from generate_series(?::bigint, ?::bigint) i) rows
            """.replace("{CIS}", Integer.toString(CIS)).replace("{ACTIVE}", Integer.toString(ACTIVE_ROWS));

    private final Connection db;
    private final Instant anchor;

    LedgerFill(Connection db, Instant anchor) {
        this.db = db;
        this.anchor = anchor;
    }

    /** Inserts rows up to {@code rows} in all (none when there are as many already), then vacuums and analyzes. */
    void fillTo(long rows) throws SQLException {
        long have = count();
        OffsetDateTime at = OffsetDateTime.ofInstant(anchor, ZoneOffset.UTC);
        for (long from = have; from < rows; from += BATCH) {
            long to = Math.min(rows, from + BATCH) - 1;
            try (PreparedStatement ps = db.prepareStatement(INSERT)) {
                ps.setObject(1, at);
                ps.setObject(2, at);
                ps.setLong(3, from);
                ps.setLong(4, to);
                ps.executeUpdate();
            }
        }
        settle();
    }

    /**
     * Vacuums and analyzes until the visibility map covers the table (at most five times): a ledger
     * this size is mostly old rows that autovacuum has long marked all-visible, which index-only
     * scans (the counts) depend on. One vacuum is not always enough: it cannot mark the pages of rows
     * that a transaction of the service, running meanwhile, might not see yet.
     */
    private void settle() throws SQLException {
        for (int attempt = 0; attempt < 5; attempt++) {
            try (Statement st = db.createStatement()) {
                st.execute("vacuum analyze drift_event");
            }
            if (allVisible() >= 0.99) {
                return;
            }
            ServiceProcess.pause(Duration.ofSeconds(1));
        }
    }

    /** The share of the table's pages marked all-visible, as of the last vacuum. */
    double allVisible() throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(
                "select relallvisible::float8 / greatest(relpages, 1) from pg_class where relname = 'drift_event'")) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    long count() throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("select count(*) from drift_event")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    long active() throws SQLException {
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from drift_event where status <> 'resolved'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

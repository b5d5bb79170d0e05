package dev.drift.demo.bench;

import dev.drift.embedded.EmbeddedServers;
import dev.drift.service.Application;
import dev.drift.service.reconcile.Sweep;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code ./drift bench-compliance [machines] [percent-drifting]}: the scheduled sweep over N machines
 * (default 10,000), each assigned the two shipped packs ({@code deploy/packs}: ssh-hardening and
 * base-linux, 36 items), on real PostgreSQL. The baseline, measured in the same run on the same
 * machines and actual state, is the sweep without packs (desired-vs-actual fields only).
 *
 * <p>Runs, one after another on the same service:
 * <ol>
 *   <li>an untimed warm-up sweep without packs;</li>
 *   <li><b>(a) fields only</b>: desired state without packs; the sweep reconciles each machine's fields.</li>
 *   <li><b>(b) first compliance sweep</b>: the same machines with both packs; every check is stored,
 *       none alerts (a first check never does).</li>
 *   <li><b>(c) sweep with drift</b>: a share of the machines (default 10 %) now permit root login; each
 *       opens one {@code config_drift} alert with its notification.</li>
 *   <li><b>(d) steady sweep</b>: nothing changed since (c); open alerts are confirmed, nothing opens.</li>
 * </ol>
 * Actual state is written straight into {@code actual_state} (what the agent's reports leave there),
 * so the figures are the sweep's alone, not ingest's.
 */
public final class ComplianceSweepBench {
    private static final String SSHD = "file[/etc/ssh/sshd_config]";

    private ComplianceSweepBench() {
    }

    public static void main(String[] args) throws Exception {
        int machines = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int percentDrifting = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path packs = Path.of("deploy/packs");
        if (!Files.isDirectory(packs)) {
            throw new IllegalStateException("run from the repository root: " + packs.toAbsolutePath() + " is missing");
        }
        Path desired = Files.createTempDirectory("drift-bench-desired-");
        try (EmbeddedServers servers = EmbeddedServers.start();
             ApplicationContext service = startService(servers, desired, packs);
             Connection db = DriverManager.getConnection(servers.jdbcUrl(), servers.dbUser(), servers.dbPassword())) {
            Sweep sweep = service.getBean(Sweep.class);
            writeDesired(desired, machines, "");
            writeCompliantActualState(db, machines);
            sweep.run(); // warm-up: JIT, connection pool, first writes of the ledger's bookkeeping
            Sweep.Result fieldsOnly = sweep.run();
            writeDesired(desired, machines, "packs: [ssh-hardening, base-linux]\n");
            Sweep.Result first = sweep.run();
            Map<String, Long> firstVerdicts = verdicts(db);
            int drifting = permitRootLogin(db, machines, percentDrifting);
            Sweep.Result withDrift = sweep.run();
            Sweep.Result steady = sweep.run();
            print(machines, fieldsOnly, first, firstVerdicts, drifting, withDrift, steady, db);
        } finally {
            deleteTree(desired);
        }
    }

    private static void print(int machines, Sweep.Result fieldsOnly, Sweep.Result first, Map<String, Long> firstVerdicts,
                              int drifting, Sweep.Result withDrift, Sweep.Result steady, Connection db)
            throws SQLException {
        double base = seconds(fieldsOnly);
        System.out.printf("%nCompliance sweep: %,d machines x 2 packs (36 items), real PostgreSQL%n", machines);
        System.out.printf("  (a) baseline: sweep without packs (fields only)   %8.2f s%n", base);
        row("(b) first compliance sweep (no alerts)     ", first, base);
        System.out.printf("      verdicts of (b): %s%n", firstVerdicts);
        row("(c) sweep, %d machines drift (alerts open)".formatted(drifting), withDrift, base);
        row("(d) steady sweep, nothing changed          ", steady, base);
        System.out.printf("  goal: < 60 s for (b), (c), (d)%n");
        System.out.printf("  checks stored %,d; open config_drift %,d; notifications queued %,d%n",
                count(db, "select count(*) from compliance_check"),
                count(db, "select count(*) from drift_event where category = 'config_drift' and status = 'open'"),
                count(db, "select count(*) from drift_action"));
    }

    private static void row(String label, Sweep.Result result, double base) {
        double s = seconds(result);
        new BenchSummary("compliance", "sweep " + label.strip(), BenchSummary.number(s, "%.2f s"),
                BenchSummary.number(base, "%.2f s fields only"), BenchSummary.number(s / base, "%.2f"), "< 60 s",
                BenchSummary.Met.of(s < 60)).record();
        System.out.printf("  %s %8.2f s   ratio %.2f   ledger changes %,d, deferred %d%n", label, s, s / base,
                result.ledgerChanges(), result.deferred());
    }

    private static double seconds(Sweep.Result result) {
        return result.took().toNanos() / 1e9;
    }

    private static void writeDesired(Path directory, int machines, String packs) throws IOException {
        for (int i = 0; i < machines; i++) {
            Files.writeString(directory.resolve(ci(i) + ".yaml"), "type: vm\n" + packs
                    + "fields:\n  power_state: on\n  \"service[ssh].state\": running\n");
        }
    }

    /** What a compliant, recently reported machine leaves in actual state, for every machine. */
    private static void writeCompliantActualState(Connection db, int machines) throws SQLException {
        Map<String, String> fields = compliantMachine();
        StringBuilder values = new StringBuilder();
        fields.forEach((field, json) -> values.append(values.isEmpty() ? "" : ",")
                .append("('").append(field.replace("'", "''")).append("', '").append(json).append("'::jsonb)"));
        try (Statement st = db.createStatement()) {
            st.executeUpdate("""
                    insert into actual_state (ci_id, field_path, value, observed_at, source)
                    select 'cmp-' || n, f.path, f.value, now(), 'bench'
                      from generate_series(0, %d) n cross join (values %s) as f(path, value)"""
                    .formatted(machines - 1, values));
            st.executeUpdate("""
                    insert into actual_coverage (ci_id, path_prefix, observed_at, source)
                    select 'cmp-' || n, p, now() - interval '1 minute', 'bench'
                      from generate_series(0, %d) n
                     cross join unnest(array['package[', 'user[', '%s.setting[']) p"""
                    .formatted(machines - 1, SSHD));
            st.execute("analyze");
        }
    }

    private static Map<String, String> compliantMachine() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("power_state", "\"on\"");
        f.put("package[openssh-server].version", "\"1:9.2p1-2+deb12u3\"");
        f.put("package[chrony].version", "\"4.3-2+deb12u1\"");
        f.put("service[ssh].state", "\"running\"");
        f.put("service[ssh].enabled", "true");
        f.put("service[chrony].state", "\"running\"");
        f.put("service[chrony].enabled", "true");
        f.put(SSHD + ".mode", "\"0644\"");
        f.put(SSHD + ".owner", "\"root\"");
        f.put(SSHD + ".setting[PermitRootLogin]", "\"no\"");
        f.put(SSHD + ".setting[PasswordAuthentication]", "\"no\"");
        f.put(SSHD + ".setting[X11Forwarding]", "\"no\"");
        f.put(SSHD + ".setting[MaxAuthTries]", "\"3\"");
        f.put(SSHD + ".setting[LoginGraceTime]", "\"30\"");
        f.put(SSHD + ".setting[ClientAliveInterval]", "\"300\"");
        f.put(SSHD + ".setting[ClientAliveCountMax]", "\"2\"");
        f.put(SSHD + ".setting[Ciphers]", "\"chacha20-poly1305@openssh.com,aes256-gcm@openssh.com\"");
        f.put("sysctl[net.ipv4.ip_forward]", "\"0\"");
        f.put("sysctl[kernel.randomize_va_space]", "\"2\"");
        f.put("sysctl[net.ipv4.conf.all.accept_redirects]", "\"0\"");
        f.put("user[root].uid", "\"0\"");
        f.put("file[/etc/passwd].mode", "\"0644\"");
        f.put("file[/etc/passwd].owner", "\"root\"");
        f.put("file[/etc/shadow].mode", "\"0640\"");
        f.put("probe[backup].age_hours", "\"5\"");
        f.put("probe[tls:443].days_left", "\"80\"");
        return f;
    }

    /** Makes every machine whose number is below the share permit root login; returns how many. */
    private static int permitRootLogin(Connection db, int machines, int percent) throws SQLException {
        int drifting = machines * percent / 100;
        try (PreparedStatement ps = db.prepareStatement("""
                update actual_state set value = '"yes"', observed_at = now()
                 where field_path = ? and ci_id = any (select 'cmp-' || n from generate_series(0, ?) n)""")) {
            ps.setString(1, SSHD + ".setting[PermitRootLogin]");
            ps.setInt(2, drifting - 1);
            ps.executeUpdate();
        }
        return drifting;
    }

    private static Map<String, Long> verdicts(Connection db) throws SQLException {
        Map<String, Long> verdicts = new LinkedHashMap<>();
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("select verdict, count(*) from compliance_check group by 1 order by 1")) {
            while (rs.next()) {
                verdicts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return verdicts;
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String ci(int i) {
        return "cmp-" + i;
    }

    private static ApplicationContext startService(EmbeddedServers servers, Path desired, Path packs) {
        Map<String, Object> props = new HashMap<>(servers.micronautProperties());
        props.put("micronaut.server.port", 0);
        props.put("drift.desired.source", "file");
        props.put("drift.desired.file.directory", desired.toString());
        props.put("drift.compliance.packs-directory", packs.toString());
        props.put("drift.sweep.enabled", "false");
        return Micronaut.build(new String[0]).mainClass(Application.class).properties(props).banner(false).start();
    }

    private static void deleteTree(Path directory) throws IOException {
        try (var paths = Files.walk(directory)) {
            for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}

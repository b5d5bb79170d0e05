package dev.drift.service.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drift.service.reconcile.Sweep;
import dev.drift.service.report.ReconcileJobs;
import dev.drift.service.support.FakeTarget;
import dev.drift.service.support.ServiceIT;
import dev.drift.service.system.Database;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The sweep's compliance check on real PostgreSQL and Redis: facts arrive as agent events, the sweep
 * judges each machine against its packs, stores every check, and opens, updates and resolves
 * {@code config_drift} and {@code agent_silent} drift, telling a real HTTP server standing in for Slack.
 */
@MicronautTest(transactional = false)
class ComplianceSweepIT extends ServiceIT {
    private static final String SSHD = "/etc/ssh/sshd_config";
    private static final String PACK_FIELD = "compliance[test-ssh].mismatches";
    private static final Path PACKS = packsDirectory();

    private final FakeTarget slack = new FakeTarget(r -> new MockResponse().setResponseCode(200).setBody("ok"));

    @Inject
    Sweep sweep;

    @Inject
    Database database;

    @Inject
    ReconcileJobs jobs;

    @Override
    protected Map<String, String> overrides() {
        return Map.of(
                "drift.compliance.packs-directory", PACKS.toString(),
                "drift.notify.channels.default.type", "slack",
                "drift.notify.channels.default.webhook-url", slack.url("/services/T000/B000/XXXX"),
                "drift.actions.public-base-url", "https://drift.example.net");
    }

    @AfterAll
    void stopSlack() {
        slack.close();
    }

    @Test
    void aMachineThatDriftsOutOfComplianceGetsOneAlertThatIsUpdatedAndResolves() {
        String ci = "cmp-web-1";
        assign(ci, "test-ssh");
        sshd(ci, "no", "no", "no");
        sweep.run();
        assertThat(verdicts(ci)).containsExactly("compliant");
        assertThat(drift(ci, PACK_FIELD)).isNull();

        sshd(ci, "yes", "no", "no");
        sweep.run();
        Map<String, String> alert = drift(ci, PACK_FIELD);
        assertThat(alert).containsEntry("status", "open").containsEntry("category", "config_drift")
                .containsEntry("severity", "warning").containsEntry("actual", "1").containsEntry("desired", "0");
        await().atMost(Duration.ofSeconds(20)).until(() -> slack.requestsMentioning(ci).size() == 1);
        assertThat(FakeTarget.body(slack.requestsMentioning(ci).getFirst()))
                .contains("Configuration drift detected", ci, "test-ssh", "1 mismatch",
                        "https://drift.example.net/ui/cis/" + ci);

        sshd(ci, "yes", "yes", "no");
        sweep.run();
        assertThat(drift(ci, PACK_FIELD)).containsEntry("id", alert.get("id")).containsEntry("actual", "2");
        assertThat(driftRows(ci)).as("updated, never duplicated").isEqualTo(1);
        assertThat(sweep.run().ledgerChanges()).as("nothing changed since the last sweep").isZero();

        sshd(ci, "no", "no", "no");
        sweep.run();
        assertThat(drift(ci, PACK_FIELD)).containsEntry("status", "resolved").containsEntry("resolved_by", "auto");
        await().atMost(Duration.ofSeconds(20)).until(() -> slack.requestsMentioning(ci).size() == 2);
        assertThat(FakeTarget.body(slack.requestsMentioning(ci).get(1))).contains("Drift resolved", ci);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> slack.requestsMentioning(ci).size() == 2);

        assertThat(verdicts(ci)).containsExactly("compliant", "non_compliant", "non_compliant", "non_compliant",
                "compliant");
        assertThat(latestMismatches(ci)).isEqualTo("[]");
    }

    @Test
    void everyCheckIsStoredWithItsMismatchesPackVersionAndDuration() {
        String ci = "cmp-web-2";
        assign(ci, "test-ssh");
        sshd(ci, "yes", "yes", "no");
        sweep.run();

        Map<String, String> check = latestCheck(ci);
        assertThat(check).containsEntry("pack_version", "2.1").containsEntry("verdict", "non_compliant")
                .containsEntry("mismatch_count", "2").containsEntry("reason", null);
        assertThat(Long.parseLong(check.get("duration_us"))).isNotNegative();
        assertThat(latestMismatches(ci)).contains(
                "{\"item\": \"no-root-login\", \"field\": \"file[/etc/ssh/sshd_config].setting[PermitRootLogin]\", "
                        + "\"actual\": \"yes\", \"expected\": \"no\"}",
                "\"item\": \"no-x11\"");
        assertThat(drift(ci, PACK_FIELD)).as("the first check ever opens no alert").isNull();
    }

    @Test
    void staleFactsAreUnknownAndRaiseOneAgentSilentDriftInsteadOfConfigDrift() {
        String ci = "cmp-web-3";
        assign(ci, "test-ssh");
        sshd(ci, "no", "no", "no");
        sweep.run();
        ageFacts(ci, Duration.ofDays(3));

        sweep.run();
        sweep.run();
        assertThat(verdicts(ci)).containsExactly("compliant", "unknown", "unknown");
        assertThat(latestCheck(ci).get("reason")).startsWith("no facts since");
        assertThat(drift(ci, "agent.reporting")).containsEntry("status", "open")
                .containsEntry("category", "agent_silent");
        assertThat(drift(ci, PACK_FIELD)).isNull();
        assertThat(driftRows(ci)).isEqualTo(1);

        sshd(ci, "yes", "no", "no");
        sweep.run();
        assertThat(drift(ci, "agent.reporting")).containsEntry("status", "resolved");
        assertThat(drift(ci, PACK_FIELD)).as("compliant on the previous judged check").containsEntry("status", "open");
    }

    @Test
    void oneBrokenMachineIsCountedAndTheRestOfTheSweepGoesOn() {
        assign("cmp-ok-1", "test-ssh");
        assign("cmp-bad-1", "test-ssh");
        assign("cmp-ok-2", "test-ssh");
        sshd("cmp-ok-1", "no", "no", "no");
        sshd("cmp-bad-1", "no", "no", "no");
        sshd("cmp-ok-2", "no", "no", "no");
        breakActualState("cmp-bad-1");

        Sweep.Result result = sweep.run();

        assertThat(result.deferred()).isEqualTo(1);
        assertThat(verdicts("cmp-ok-1")).containsExactly("compliant");
        assertThat(verdicts("cmp-ok-2")).containsExactly("compliant");
        assertThat(verdicts("cmp-bad-1")).isEmpty();
        assertThat(count("select count(*) from reconcile_request where ci_id = 'cmp-bad-1'")).isPositive();
    }

    @Test
    void aPackThatIsNotLoadedIsUnknownWithTheReason() {
        String ci = "cmp-web-4";
        assign(ci, "no-such-pack");
        sshd(ci, "no", "no", "no");
        sweep.run();

        assertThat(latestCheck(ci)).containsEntry("verdict", "unknown").containsEntry("pack_version", "-");
        assertThat(latestCheck(ci).get("reason")).contains("no-such-pack is not loaded");
    }

    @Test
    void aPackNoLongerAssignedResolvesItsAlert() {
        String ci = "cmp-web-5";
        openAlert(ci);

        desired.write(ci, "type: vm\n");
        sweep.run();
        assertThat(drift(ci, PACK_FIELD)).containsEntry("status", "resolved")
                .containsEntry("resolved_by", "desired_changed");
    }

    @Test
    void aReconcileJobRunsTheComplianceCheckAndItsChecksNameTheJob() {
        String ci = "cmp-web-8";
        assign(ci, "test-ssh");
        sshd(ci, "no", "no", "no");

        ReconcileJobs.Start start = jobs.start();

        assertThat(start).isInstanceOf(ReconcileJobs.Start.Started.class);
        UUID id = ((ReconcileJobs.Start.Started) start).job().jobId();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jobs.find(id).map(j -> j.status().equals("succeeded")).orElse(false));
        assertThat(row("select job_id::text as job, verdict from compliance_check where ci_id = ? order by id desc limit 1",
                ci)).containsEntry("job", id.toString()).containsEntry("verdict", "compliant");
    }

    @Test
    void aMachineWithDetectionDisabledIsNotCheckedAndItsAlertResolves() {
        String ci = "cmp-web-6";
        openAlert(ci);

        desired.write(ci, "type: vm\npacks: [test-ssh]\ndetection_enabled: false\n");
        sweep.run();
        sweep.run();

        assertThat(verdicts(ci)).as("no check once disabled").containsExactly("compliant", "non_compliant");
        assertThat(drift(ci, PACK_FIELD)).containsEntry("status", "resolved")
                .containsEntry("resolved_by", "detection_disabled");
    }

    @Test
    void probeResultsFromTheAgentAreJudgedAndAProbeThatCouldNotRunIsNeverAPass() {
        String ci = "cmp-web-7";
        assign(ci, "test-backup");
        probe(ci, "ok", "5.5");
        sweep.run();
        assertThat(latestCheck(ci)).containsEntry("verdict", "compliant");

        probe(ci, "drift", "40");
        sweep.run();
        assertThat(latestCheck(ci)).containsEntry("verdict", "non_compliant");
        assertThat(latestMismatches(ci)).contains("probe[backup].age_hours", "40");

        probe(ci, "error", "null");
        sweep.run();
        assertThat(latestCheck(ci)).containsEntry("verdict", "unknown");
        assertThat(latestCheck(ci).get("reason")).contains("probe error: /var/backups is not readable");
    }

    /** The agent reports its backup probe on compliance.check_result; waits until ingest stored it. */
    private void probe(String ci, String status, String ageHours) {
        streams.add("compliance.check_result", """
                {"ci_id": "%s", "check": "backup", "status": "%s", "details": "/var/backups is not readable",
                 "measurements": {"age_hours": %s}}""".formatted(ci, status, ageHours));
        await().atMost(Duration.ofSeconds(20)).until(() -> status.equals(actual(ci, "probe[backup].status")));
    }

    /** A machine assigned test-ssh, compliant on one sweep and not on the next: its alert is open. */
    private void openAlert(String ci) {
        assign(ci, "test-ssh");
        sshd(ci, "no", "no", "no");
        sweep.run();
        sshd(ci, "yes", "no", "no");
        sweep.run();
        assertThat(drift(ci, PACK_FIELD)).containsEntry("status", "open");
    }

    private void assign(String ci, String pack) {
        desired.write(ci, "type: vm\npacks: [" + pack + "]\n");
    }

    /** The agent reports sshd_config with these three settings; waits until ingest stored it. */
    private void sshd(String ci, String rootLogin, String x11, String passwords) {
        long before = count("select count(*) from compliance_check where ci_id = '" + ci + "'");
        String payload = """
                {"ci_id": "%s", "path": "%s", "change": "modified", "mode": "0644", "owner": "root", "group": "root",
                 "sha256": "%s", "settings": {"PermitRootLogin": "%s", "X11Forwarding": "%s",
                 "PasswordAuthentication": "%s"}}"""
                .formatted(ci, SSHD, "%064d".formatted(Math.abs((rootLogin + x11 + passwords).hashCode())), rootLogin,
                        x11, passwords);
        streams.add("drift.file_changed", payload);
        String field = "file[" + SSHD + "].setting[PermitRootLogin]";
        await().atMost(Duration.ofSeconds(20)).until(() -> rootLogin.equals(actual(ci, field))
                && x11.equals(actual(ci, "file[" + SSHD + "].setting[X11Forwarding]")));
        assertThat(count("select count(*) from compliance_check where ci_id = '" + ci + "'")).isEqualTo(before);
    }

    private void ageFacts(String ci, Duration by) {
        update("update actual_state set observed_at = observed_at - make_interval(secs => " + by.toSeconds()
                + ") where ci_id = '" + ci + "'");
        update("update actual_coverage set observed_at = observed_at - make_interval(secs => " + by.toSeconds()
                + ") where ci_id = '" + ci + "'");
    }

    /** A stored value no field can hold (an object): reading the machine's actual state fails. */
    private void breakActualState(String ci) {
        update("insert into actual_state (ci_id, field_path, value, observed_at, source) values ('" + ci
                + "', 'power_state', '{\"not\": \"a value\"}', now(), 'test')");
    }

    private String actual(String ci, String field) {
        return database.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select value #>> '{}' from actual_state where ci_id = ? and field_path = ?")) {
                ps.setString(1, ci);
                ps.setString(2, field);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    private List<String> verdicts(String ci) {
        return database.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select verdict from compliance_check where ci_id = ? order by id")) {
                ps.setString(1, ci);
                List<String> verdicts = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        verdicts.add(rs.getString(1));
                    }
                }
                return verdicts;
            }
        });
    }

    private Map<String, String> latestCheck(String ci) {
        return row("""
                select pack_version, verdict, mismatch_count::text, reason, duration_us::text
                  from compliance_check where ci_id = ? order by id desc limit 1""", ci);
    }

    private String latestMismatches(String ci) {
        return row("select mismatches::text as mismatches from compliance_check where ci_id = ? order by id desc limit 1",
                ci).get("mismatches");
    }

    private Map<String, String> drift(String ci, String field) {
        return row("""
                select id::text, status, category, severity, desired_value #>> '{}' as desired,
                       actual_value #>> '{}' as actual, resolved_by
                  from drift_event where ci_id = ? and field_path = '%s' order by first_detected_at desc limit 1"""
                .formatted(field), ci);
    }

    private long driftRows(String ci) {
        return count("select count(*) from drift_event where ci_id = '" + ci + "'");
    }

    private Map<String, String> row(String sql, String ci) {
        return database.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, ci);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    Map<String, String> row = new java.util.HashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getString(i));
                    }
                    return row;
                }
            }
        });
    }

    private long count(String sql) {
        return database.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private void update(String sql) {
        database.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                return ps.executeUpdate();
            }
        });
    }

    private static Path packsDirectory() {
        try {
            Path dir = Files.createTempDirectory("drift-packs-");
            Files.writeString(dir.resolve("test-ssh.yaml"), """
                    name: test-ssh
                    version: "2.1"
                    description: three sshd settings
                    items:
                      - id: no-root-login
                        field: file[/etc/ssh/sshd_config].setting[PermitRootLogin]
                        equals: "no"
                      - id: no-x11
                        field: file[/etc/ssh/sshd_config].setting[X11Forwarding]
                        equals: "no"
                      - id: no-passwords
                        field: file[/etc/ssh/sshd_config].setting[PasswordAuthentication]
                        equals: "no"
                    """);
            Files.writeString(dir.resolve("test-backup.yaml"), """
                    name: test-backup
                    version: "1"
                    items:
                      - id: backup-fresh
                        field: probe[backup].age_hours
                        at_most: 26
                    """);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

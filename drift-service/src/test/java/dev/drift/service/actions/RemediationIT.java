package dev.drift.service.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drift.service.support.ServiceIT;
import dev.drift.service.system.Database;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Remediation with the real {@code ansible-runner} against this machine (connection local): a
 * drifted file is detected, the policy's playbook puts it back, the fixed file is observed again and
 * the drift resolves by remediation; a playbook that fails escalates; a dry run changes nothing.
 * The file is observed the way the agent would report it: the test reads it and publishes
 * {@code drift.file_changed} with its parsed settings.
 */
@MicronautTest(transactional = false)
class RemediationIT extends ServiceIT {
    private static final String FILE_CHANGED = "drift.file_changed";

    private final Path work = tempDir();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    Database database;

    @Override
    protected Map<String, String> overrides() {
        return Map.of(
                "drift.remediation.ansible.project-dir", playbooks().toString(),
                "drift.remediation.ansible.connection", "local",
                "drift.remediation.ansible.work-dir", work.resolve("runs").toString(),
                "drift.remediation.max-attempts", "1");
    }

    @BeforeAll
    void requireAnsibleRunner() {
        Assumptions.assumeTrue(onPath("ansible-runner"),
                "ansible-runner is not installed (apt-get install python3-ansible-runner); remediation is not tested");
        post("/drift/policies", Map.of("name", "sshd-fix", "match", Map.of("ci_types", List.of("rem-vm")),
                "severity", "warning", "settle_seconds", 0, "auto_remediate", true,
                "remediation", Map.of("kind", "playbook", "path", "sshd-setting.yml", "check_mode_first", true)));
        post("/drift/policies", Map.of("name", "sshd-broken", "match", Map.of("ci_types", List.of("rem-fail")),
                "severity", "warning", "settle_seconds", 0, "auto_remediate", true,
                "notify", List.of("default"),
                "remediation", Map.of("kind", "playbook", "path", "fail.yml", "check_mode_first", false)));
        post("/drift/policies", Map.of("name", "sshd-manual", "match", Map.of("ci_types", List.of("rem-manual")),
                "severity", "warning", "settle_seconds", 0, "auto_remediate", false,
                "remediation", Map.of("kind", "playbook", "path", "sshd-setting.yml", "check_mode_first", false)));
    }

    @Test
    void aDriftedFileIsPutBackAndTheDriftResolvesByRemediation() throws IOException {
        Path sshd = sshdConfig("rem-01", "rem-vm");
        observe("rem-01", sshd);

        await().atMost(Duration.ofSeconds(90)).until(() -> Files.readString(sshd).contains("PermitRootLogin no"));
        observe("rem-01", sshd);

        await().atMost(Duration.ofSeconds(30)).until(() -> "remediation".equals(column("rem-01", "resolved_by")));
        assertThat(column("rem-01", "status")).isEqualTo("resolved");
        UUID drift = UUID.fromString(column("rem-01", "id"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(actionStates(drift, "remediate"))
                .as("check mode first, then the real run").containsExactly("delivered", "delivered"));
        assertThat(historyStatuses(drift)).contains("remediating", "resolved");
    }

    @Test
    void aPlaybookThatFailsEscalates() throws IOException {
        Path sshd = sshdConfig("rem-02", "rem-fail");
        observe("rem-02", sshd);

        await().atMost(Duration.ofSeconds(90)).until(() -> "escalated".equals(column("rem-02", "status")));
        UUID drift = UUID.fromString(column("rem-02", "id"));
        assertThat(Files.readString(sshd)).contains("PermitRootLogin yes");
        assertThat(actionStates(drift, "notify")).as("opened, then escalated").hasSize(2);
    }

    @Test
    void aDryRunShowsTheDiffAndChangesNothing() throws IOException {
        Path sshd = sshdConfig("rem-03", "rem-manual");
        observe("rem-03", sshd);
        await().atMost(Duration.ofSeconds(20)).until(() -> "open".equals(column("rem-03", "status")));
        UUID drift = UUID.fromString(column("rem-03", "id"));

        HttpResponse<Map> accepted = http.toBlocking().exchange(HttpRequest.POST("/drift/events/" + drift + "/remediate",
                Map.of("dry_run", true, "comment", "what would change?", "by", "alice")), Map.class);
        assertThat(accepted.code()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(90)).until(() -> actionStates(drift, "remediate").equals(List.of("delivered")));
        assertThat(Files.readString(sshd)).contains("PermitRootLogin yes");
        assertThat(column("rem-03", "status")).isEqualTo("open");
        Map<?, ?> detail = http.toBlocking().retrieve(HttpRequest.GET("/drift/events/" + drift), Map.class);
        assertThat(detail.toString()).contains("check_mode=true", "PermitRootLogin no");
    }

    private Path sshdConfig(String ci, String type) throws IOException {
        Path sshd = work.resolve(ci + "-sshd_config");
        Files.writeString(sshd, "Port 22\nPermitRootLogin yes\nX11Forwarding no\n");
        desired.write(ci, "type: " + type + "\nfields:\n  file[" + sshd + "].setting[PermitRootLogin]: no\n");
        return sshd;
    }

    /** What the agent does on a change: reads the file and publishes its settings. */
    private void observe(String ci, Path file) throws IOException {
        StringBuilder settings = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            String[] kv = line.strip().split("\\s+", 2);
            if (kv.length == 2 && !kv[0].startsWith("#")) {
                settings.append(settings.isEmpty() ? "" : ",").append('"').append(kv[0]).append("\":\"")
                        .append(kv[1]).append('"');
            }
        }
        streams.add(FILE_CHANGED, "{\"ci_id\":\"" + ci + "\",\"path\":\"" + file + "\",\"change\":\"modified\","
                + "\"settings\":{" + settings + "}}");
    }

    private String column(String ci, String column) {
        return database.read(c -> {
            try (var ps = c.prepareStatement("select " + column + "::text from drift_event where ci_id = ?"
                    + " order by first_detected_at desc limit 1")) {
                ps.setString(1, ci);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    private List<String> actionStates(UUID drift, String kind) {
        return database.read(c -> {
            try (var ps = c.prepareStatement("select state from drift_action where drift_id = ? and kind = ? order by id")) {
                ps.setObject(1, drift);
                ps.setString(2, kind);
                try (var rs = ps.executeQuery()) {
                    List<String> states = new java.util.ArrayList<>();
                    while (rs.next()) {
                        states.add(rs.getString(1));
                    }
                    return states;
                }
            }
        });
    }

    private List<String> historyStatuses(UUID drift) {
        return database.read(c -> {
            try (var ps = c.prepareStatement("select to_status from drift_history where drift_id = ? order by id")) {
                ps.setObject(1, drift);
                try (var rs = ps.executeQuery()) {
                    List<String> statuses = new java.util.ArrayList<>();
                    while (rs.next()) {
                        statuses.add(rs.getString(1));
                    }
                    return statuses;
                }
            }
        });
    }

    private void post(String path, Object body) {
        http.toBlocking().exchange(HttpRequest.POST(path, body));
    }

    private static boolean onPath(String command) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    private static Path playbooks() {
        try {
            return Path.of(RemediationIT.class.getResource("/remediation/sshd-setting.yml").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("drift-remediation-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.drift.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts web-01's sshd_config back with ansible-runner, as drift's remediation does on a real node:
 * a policy names a playbook for sshd settings, an operator asks for the remediation through the API,
 * the playbook edits the file (connection local, under the demo node's root), the agent reports the
 * fixed file and the drift resolves. Without ansible-runner it says how to install it.
 */
final class DemoRemediation {
    static final String FIELD = "file[/etc/ssh/sshd_config].setting[PermitRootLogin]";
    private static final String PLAYBOOK = "sshd-setting.yml";

    private final Path projectDir;
    private final Path workDir;

    private DemoRemediation(Path projectDir, Path workDir) {
        this.projectDir = projectDir;
        this.workDir = workDir;
    }

    /** Writes the playbook for a node whose files live under {@code nodeRoot}. */
    static DemoRemediation prepare(Path nodeRoot) {
        try {
            Path project = Files.createDirectories(nodeRoot.resolve("srv/playbooks"));
            Files.writeString(project.resolve(PLAYBOOK), """
                    # Puts one sshd_config setting back to its desired value (extra vars from drift:
                    # drift_field = file[<path>].setting[<Name>], drift_desired). The demo node's files
                    # live under %s, which a real node would not need.
                    - name: Put an sshd_config setting back to its desired value
                      hosts: all
                      gather_facts: false
                      vars:
                        target_file: "{{ drift_field | regex_search('^file\\\\[([^\\\\]]+)\\\\]', '\\\\1') | first }}"
                        setting: "{{ drift_field | regex_search('\\\\.setting\\\\[([^\\\\]]+)\\\\]$', '\\\\1') | first }}"
                      tasks:
                        - name: Set {{ setting }} in {{ target_file }}
                          ansible.builtin.lineinfile:
                            path: "%s{{ target_file }}"
                            regexp: "^#?\\\\s*{{ setting }}\\\\s"
                            line: "{{ setting }} {{ drift_desired }}"
                    """.formatted(nodeRoot, nodeRoot));
            return new DemoRemediation(project, Files.createDirectories(nodeRoot.resolve("var/lib/drift-runs")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The service's remediation settings for the demo: local ansible-runner runs of the playbook. */
    Map<String, Object> properties() {
        return Map.of("drift.remediation.ansible.project-dir", projectDir.toString(),
                "drift.remediation.ansible.connection", "local",
                "drift.remediation.ansible.work-dir", workDir.toString(),
                "drift.remediation.max-attempts", "1");
    }

    /** The policy that gives sshd settings their playbook (remediation on request, no settling). */
    static void addPolicy(DriftTable api) throws IOException, InterruptedException {
        api.post("/drift/policies", Map.of("name", "demo-sshd", "match",
                Map.of("fields", List.of("file[/etc/ssh/sshd_config].setting[*]")), "severity", "warning",
                "settle_seconds", 0, "auto_remediate", false, "notify", List.of("default"),
                "remediation", Map.of("kind", "playbook", "path", PLAYBOOK, "check_mode_first", false)));
    }

    /** Whether every ansible-runner run has removed its private data directory (runs are over). */
    boolean runsCleanedUp() {
        try (var runs = Files.list(workDir)) {
            return runs.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    static boolean runnerInstalled() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return java.util.Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "ansible-runner")));
    }

    /** Asks for the remediation of web-01's root-login drift; false when there is none open. */
    static boolean request(DriftTable api, PrintStream out) throws IOException, InterruptedException {
        for (JsonNode event : api.events("status=open&ci=" + DemoNode.CI)) {
            if (FIELD.equals(event.path("field").asText())) {
                api.post("/drift/events/" + event.path("id").asText() + "/remediate",
                        Map.of("by", "demo", "comment", "put root login back off"));
                out.println("  POST /drift/events/" + event.path("id").asText() + "/remediate  (ansible-runner, "
                        + PLAYBOOK + ")");
                return true;
            }
        }
        return false;
    }
}

package dev.drift.service.actions.remediation;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;

/**
 * Local playbook runs with ansible-runner ({@code drift.remediation.ansible}). Every setting has a default.
 *
 * @param command       the ansible-runner executable, a name on {@code PATH} or a path; default {@code ansible-runner}
 * @param projectDir    the directory holding the playbooks; a {@code Remediation.Playbook} path is relative to it;
 *                      default {@code playbooks}
 * @param workDir       where each run gets its private data directory;
 *                      default {@code <java.io.tmpdir>/drift-remediation}
 * @param connection    the Ansible connection of the host in the generated inventory: {@code ssh} (default) or
 *                      {@code local} (runs on this machine: for tests and single-host setups)
 * @param keepArtifacts keep each run's private data directory (inputs, including extra vars, and artifacts) for
 *                      inspection instead of removing it; default false
 */
@ConfigurationProperties(AnsibleRunnerProperties.PREFIX)
record AnsibleRunnerProperties(
        @Bindable(defaultValue = "ansible-runner") @NotBlank String command,
        @Bindable(defaultValue = "playbooks") @NotNull Path projectDir,
        @Nullable Path workDir,
        @Bindable(defaultValue = "ssh") @NotBlank @Pattern(regexp = CONNECTION) String connection,
        @Bindable(defaultValue = "false") boolean keepArtifacts) {

    static final String PREFIX = "drift.remediation.ansible";
    static final String CONNECTION = "[a-z][a-z0-9_.]*";

    AnsibleRunnerProperties {
        if (command == null || command.isBlank()) {
            throw new IllegalArgumentException(PREFIX + ".command must not be blank");
        }
        if (projectDir == null) {
            throw new IllegalArgumentException(PREFIX + ".project-dir is required");
        }
        if (connection == null || !connection.matches(CONNECTION)) {
            throw new IllegalArgumentException(PREFIX + ".connection must be an Ansible connection name, e.g. ssh");
        }
        workDir = workDir == null ? Path.of(System.getProperty("java.io.tmpdir"), "drift-remediation") : workDir;
    }
}

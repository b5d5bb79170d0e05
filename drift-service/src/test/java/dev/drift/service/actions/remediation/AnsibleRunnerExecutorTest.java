package dev.drift.service.actions.remediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drift.service.actions.RemediationJob;
import dev.drift.service.actions.RunResult;
import dev.drift.service.policy.Remediation;
import dev.drift.service.system.DriftException;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real ansible-runner against localhost with {@code connection: local}. The test playbooks in
 * {@code src/test/resources/remediation/} read the file to fix from {@code drift_field}
 * ({@code file[<path>].setting[<Name>]}) and the value from {@code drift_desired}.
 */
class AnsibleRunnerExecutorTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path temp;
    private Path config;
    private Path workDir;

    @BeforeAll
    static void requireAnsibleRunner() {
        boolean installed = Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "ansible-runner")));
        Assumptions.assumeTrue(installed, "ansible-runner not installed: apt-get install python3-ansible-runner");
    }

    @BeforeEach
    void writeConfig() throws Exception {
        config = temp.resolve("app.conf");
        Files.writeString(config, "MaxConnections=100\nLogLevel=info\n");
        workDir = temp.resolve("work");
    }

    @Test
    void fixesTheDriftedSettingAndRemovesItsPrivateDataDir() throws Exception {
        RunResult result = executor(false).run(job("fix-setting.yml", false, TIMEOUT));

        assertThat(result.succeeded()).isTrue();
        assertThat(result.status()).isEqualTo("successful");
        assertThat(result.externalId()).contains("drift-42-1");
        assertThat(result.output()).contains("changed: [localhost]");
        assertThat(Files.readString(config)).isEqualTo("MaxConnections=200\nLogLevel=info\n");
        try (Stream<Path> left = Files.list(workDir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void checkModeShowsTheDiffAndChangesNothing() throws Exception {
        RunResult result = executor(false).run(job("fix-setting.yml", true, TIMEOUT));

        assertThat(result.succeeded()).isTrue();
        assertThat(result.output()).contains("-MaxConnections=100", "+MaxConnections=200");
        assertThat(Files.readString(config)).isEqualTo("MaxConnections=100\nLogLevel=info\n");
    }

    @Test
    void keepsTheInputsAndArtifactsOfARunWhenAsked() throws Exception {
        executor(true).run(job("fix-setting.yml", true, TIMEOUT));

        try (Stream<Path> dirs = Files.list(workDir)) {
            Path dir = dirs.findFirst().orElseThrow();
            assertThat(dir.resolve("artifacts/drift-42-1/status")).hasContent("successful");
            assertThat(dir.resolve("env/extravars")).content().contains("\"drift_desired\":\"200\"");
            assertThat(dir.resolve("inventory/hosts")).content().startsWith("localhost ansible_connection=local");
        }
    }

    @Test
    void theRunnerDoesNotSeeTheServiceEnvironment() throws Exception {
        Assumptions.assumeTrue(System.getenv("JAVA_HOME") != null, "needs a variable outside the allowlist");
        executor(true).run(job("fix-setting.yml", true, TIMEOUT));

        try (Stream<Path> dirs = Files.list(workDir)) {
            Path recordedCommand = dirs.findFirst().orElseThrow().resolve("artifacts/drift-42-1/command");
            assertThat(recordedCommand).content().contains("\"PATH\"").doesNotContain("JAVA_HOME");
        }
    }

    @Test
    void aFailingPlaybookIsAFailedRunNotAnException() {
        RunResult result = executor(false).run(job("fail.yml", false, TIMEOUT));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.status()).isEqualTo("failed");
        assertThat(result.output()).contains("cannot fix file[" + config + "].setting[MaxConnections]");
    }

    @Test
    void stopsARunThatOutlastsItsTimeout() {
        long start = System.nanoTime();
        RunResult result = executor(false).run(job("slow.yml", false, Duration.ofSeconds(2)));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.status()).isEqualTo("timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void refusesAPlaybookOutsideTheProjectDir() {
        assertThatThrownBy(() -> executor(false).run(job("../escape.yml", false, TIMEOUT)))
                .isInstanceOf(DriftException.Terminal.class)
                .hasMessageContaining("not a path inside the project dir");
    }

    @Test
    void refusesAPlaybookThatDoesNotExist() {
        assertThatThrownBy(() -> executor(false).run(job("missing.yml", false, TIMEOUT)))
                .isInstanceOf(DriftException.Terminal.class)
                .hasMessageContaining("no playbook 'missing.yml'");
    }

    @Test
    void aMissingCommandIsTerminalAndSaysHowToInstallIt() {
        AnsibleRunnerProperties properties = new AnsibleRunnerProperties(temp.resolve("no-such-runner").toString(),
                projectDir(), workDir, "local", false);

        assertThatThrownBy(() -> new AnsibleRunnerExecutor(properties).run(job("fix-setting.yml", false, TIMEOUT)))
                .isInstanceOf(DriftException.Terminal.class)
                .hasMessageContaining("apt-get install python3-ansible-runner");
    }

    @Test
    void derivesASafeIdentFromAnyIdempotencyKey() {
        assertThat(PrivateDataDir.identOf("drift-42-1")).isEqualTo("drift-42-1");
        assertThat(PrivateDataDir.identOf("../ci 7/remediate"))
                .matches("[A-Za-z0-9_][A-Za-z0-9_.-]*")
                .isNotEqualTo(PrivateDataDir.identOf("../ci 7/remediatE"));
    }

    private AnsibleRunnerExecutor executor(boolean keepArtifacts) {
        return new AnsibleRunnerExecutor(
                new AnsibleRunnerProperties("ansible-runner", projectDir(), workDir, "local", keepArtifacts));
    }

    private RemediationJob job(String playbook, boolean checkMode, Duration timeout) {
        return new RemediationJob(UUID.randomUUID(), "drift-42-1", "web-01", "localhost",
                "file[" + config + "].setting[MaxConnections]", "200", "100",
                new Remediation.Playbook(playbook, false, Optional.empty()), checkMode, timeout);
    }

    private static Path projectDir() {
        try {
            return Path.of(AnsibleRunnerExecutorTest.class.getResource("/remediation/fix-setting.yml").toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

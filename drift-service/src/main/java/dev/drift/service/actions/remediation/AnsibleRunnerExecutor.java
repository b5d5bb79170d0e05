package dev.drift.service.actions.remediation;

import dev.drift.service.actions.RemediationExecutor;
import dev.drift.service.actions.RemediationJob;
import dev.drift.service.actions.RunResult;
import dev.drift.service.policy.Remediation;
import dev.drift.service.system.DriftException;
import jakarta.inject.Singleton;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link Remediation.Playbook} remediations on this machine with ansible-runner, one fresh private
 * data directory per run (see {@link PrivateDataDir}), removed afterwards unless {@code keep-artifacts}.
 *
 * <p>The playbook gets the {@link DriftExtraVars} and an inventory of the one host of the job; check
 * mode adds {@code --check --diff}. {@link #run} blocks for up to the job's timeout, then stops the
 * runner and everything it started. The runner sees only a small allowlist of this service's
 * environment, since it records its environment in its artifacts and tasks can read it.
 */
@Singleton
final class AnsibleRunnerExecutor implements RemediationExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(AnsibleRunnerExecutor.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final List<String> INHERITED_ENV = List.of("PATH", "HOME", "USER", "LOGNAME", "LANG", "TZ",
            "TMPDIR", "SSH_AUTH_SOCK");

    private final AnsibleRunnerProperties properties;

    AnsibleRunnerExecutor(AnsibleRunnerProperties properties) {
        this.properties = properties;
    }

    @Override
    public String name() {
        return "ansible-runner";
    }

    @Override
    public boolean handles(Remediation remediation) {
        return remediation instanceof Remediation.Playbook;
    }

    @Override
    public RunResult run(RemediationJob job) {
        if (!(job.remediation() instanceof Remediation.Playbook playbook)) {
            throw new DriftException.Terminal("ansible-runner cannot run " + job.remediation());
        }
        PrivateDataDir dir = PrivateDataDir.prepare(properties, job, playbook.path());
        try {
            LOG.debug("Running playbook {} for drift {} on {} (check mode: {})", playbook.path(), job.driftId(),
                    job.host(), job.checkMode());
            RunResult result = execute(dir, job);
            LOG.info("Playbook {} for drift {} on {} ended {} (ident {})", playbook.path(), job.driftId(),
                    job.host(), result.status(), dir.ident());
            return result;
        } catch (IOException e) {
            throw new DriftException.Retryable("could not read the artifacts of ansible-runner run " + dir.ident(), e);
        } finally {
            cleanUp(dir);
        }
    }

    private RunResult execute(PrivateDataDir dir, RemediationJob job) throws IOException {
        Process process = start(dir, job);
        if (!waitFor(process, job.timeout())) {
            stop(process);
            return new RunResult(false, "timeout", dir.output(), Optional.of(dir.ident()));
        }
        return dir.result(process.exitValue());
    }

    private Process start(PrivateDataDir dir, RemediationJob job) {
        ProcessBuilder builder = new ProcessBuilder(dir.command(properties.command(), job.host(), job.checkMode()))
                .redirectErrorStream(true)
                .redirectOutput(dir.processOutput().toFile());
        restrictEnvironment(builder.environment());
        try {
            return builder.start();
        } catch (IOException e) {
            if (!commandFound(properties.command())) {
                throw new DriftException.Terminal("ansible-runner is not installed (no '" + properties.command()
                        + "'): apt-get install python3-ansible-runner", e);
            }
            throw new DriftException.Retryable("could not start " + properties.command(), e);
        }
    }

    /** Whether a command name resolves on {@code PATH}, or a command path is executable. */
    private static boolean commandFound(String command) {
        if (command.contains(File.separator)) {
            return Files.isExecutable(Path.of(command));
        }
        return Stream.of(String.valueOf(System.getenv("PATH")).split(File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, command)));
    }

    private static void restrictEnvironment(Map<String, String> environment) {
        environment.keySet().removeIf(name -> !INHERITED_ENV.contains(name) && !name.startsWith("LC_")
                && !name.startsWith("ANSIBLE_"));
        // Plain text output: it ends up in a RunResult, read by people, not terminals.
        environment.put("ANSIBLE_NOCOLOR", "1");
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw new DriftException.Retryable("interrupted while waiting for ansible-runner", e);
        }
    }

    /**
     * Stops the runner and its descendants: ansible-playbook and its workers outlive a killed runner
     * and would go on changing the host. Polite first, forcibly after a grace period.
     */
    private static void stop(Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        try {
            process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private void cleanUp(PrivateDataDir dir) {
        if (properties.keepArtifacts()) {
            return;
        }
        try {
            dir.delete();
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not remove the private data dir of ansible-runner run {}", dir.ident(), e);
        }
    }
}

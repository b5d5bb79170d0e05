package dev.drift.service.actions;

/**
 * Runs remediations of one kind: local {@code ansible-runner} playbooks or AWX/AAP job templates.
 *
 * <p>{@link #run} blocks until the run ends or its timeout passes. A run that started and failed
 * is a {@link RunResult} with {@code succeeded = false}, not an exception. Exceptions mean the run
 * could not be started or followed: {@link dev.drift.service.system.DriftException.Retryable} when
 * trying again may help (AWX down, 5xx), {@link dev.drift.service.system.DriftException.Terminal}
 * when it cannot (no such playbook or template, ansible-runner not installed).
 */
public interface RemediationExecutor {

    /** The target name used for metrics and circuit breakers: {@code ansible-runner} or {@code awx}. */
    String name();

    /** Whether this executor runs the given kind of remediation. */
    boolean handles(dev.drift.service.policy.Remediation remediation);

    RunResult run(RemediationJob job);
}

package dev.drift.agent.probe;

import java.time.Duration;
import java.util.List;

/** Runs a local command for a probe; the seam tests replace. */
public interface CommandRunner {

    /** What a command printed and how it ended. */
    record Output(int exitCode, String stdout) {
    }

    /**
     * Runs {@code command} (no shell) and waits at most {@code timeout}.
     *
     * @throws ProbeFailure when it cannot be started (not installed) or does not end in time (it is killed)
     */
    Output run(List<String> command, Duration timeout);
}

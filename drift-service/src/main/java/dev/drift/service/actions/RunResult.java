package dev.drift.service.actions;

import java.util.Objects;
import java.util.Optional;

/**
 * How a remediation run ended.
 *
 * @param succeeded  the run completed without failed tasks (in check mode: it could tell what would change)
 * @param status     the runner's own word: {@code successful}, {@code failed}, {@code timeout}, {@code error}, {@code canceled}
 * @param output     the run's output (stdout, with diffs in check mode), at most 64 KiB: the tail is kept
 * @param externalId the AWX job id, or the ansible-runner ident
 */
public record RunResult(boolean succeeded, String status, String output, Optional<String> externalId) {
    public RunResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(externalId, "externalId");
    }
}

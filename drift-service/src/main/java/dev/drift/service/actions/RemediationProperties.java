package dev.drift.service.actions;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * How remediation runs are scheduled (the executors have their own settings under
 * {@code drift.remediation.ansible} and {@code drift.remediation.awx}).
 *
 * @param enabled       whether this instance runs remediations (they are recorded either way)
 * @param maxConcurrent runs at the same time on this instance
 * @param maxAttempts   real runs per drift before it is escalated
 * @param runTimeout    a run is stopped and counted as failed after this long
 * @param verifyTimeout how long after a successful run the drift must have resolved (the machine
 *                      reported back compliant) before the run counts as not having fixed it
 * @param guardGrace    the loop guard: after a run, new drift on the CI is held back this long
 * @param hostBackoff   wait before the next attempt on the same CI
 */
@ConfigurationProperties("drift.remediation")
record RemediationProperties(
        boolean enabled,
        @Min(1) @Max(64) int maxConcurrent,
        @Min(1) @Max(10) int maxAttempts,
        @NotNull Duration runTimeout,
        @NotNull Duration verifyTimeout,
        @NotNull Duration guardGrace,
        @NotNull Duration hostBackoff) {
}

package dev.drift.service.reconcile;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * Reconciler settings.
 *
 * @param enabled             run reconcile workers in this instance
 * @param workers             worker threads
 * @param batchSize           CIs reconciled in one database transaction
 * @param pollInterval        how often durable requests (deferred CIs, other instances' leftovers) are polled
 * @param retryInitialBackoff first delay after a retryable failure; doubles per attempt
 * @param retryMaxBackoff     upper bound of that delay
 */
@ConfigurationProperties("drift.reconcile")
record ReconcileProperties(
        @NotNull Boolean enabled,
        @Min(1) @Max(64) int workers,
        @Min(1) @Max(5000) int batchSize,
        @NotNull Duration pollInterval,
        @NotNull Duration retryInitialBackoff,
        @NotNull Duration retryMaxBackoff) {
}

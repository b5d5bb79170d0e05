package dev.drift.service.actions;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;

/**
 * Delivery of actions (notifications, tickets).
 *
 * @param enabled             whether this instance delivers actions (they are recorded either way)
 * @param publicBaseUrl       where operators reach drift; links in messages point there
 * @param pollInterval        how often due actions are looked for when nobody nudged the dispatcher
 * @param roundGap            a nudge is answered after this long, so the notices of many small commits
 *                            are delivered in one round (and digested) rather than one round each
 * @param batchSize           actions leased per round
 * @param lease               how long a leased action is not offered to anyone else
 * @param retryInitialBackoff first wait after a failed delivery; doubles (with jitter) up to the maximum
 * @param retryMaxBackoff     longest wait between attempts
 * @param maxAttempts         attempts before an action is given up as failed
 * @param inlineRetries       immediate retries inside one attempt, for blips
 * @param circuitFailureRate  percentage of failed calls that opens a target's circuit
 * @param circuitMinimumCalls calls a target's circuit needs before it judges
 * @param circuitWaitOpen     how long an open circuit refuses calls before trying one
 * @param reminderInterval    an open or escalated drift nobody acknowledged is announced again on
 *                            its channels this long after its last announcement; zero: never
 */
@ConfigurationProperties("drift.actions")
record ActionsProperties(
        boolean enabled,
        @NotNull URI publicBaseUrl,
        @NotNull Duration pollInterval,
        @NotNull Duration roundGap,
        @Min(1) @Max(1000) int batchSize,
        @NotNull Duration lease,
        @NotNull Duration retryInitialBackoff,
        @NotNull Duration retryMaxBackoff,
        @Min(1) int maxAttempts,
        @Min(1) @Max(10) int inlineRetries,
        @Min(1) @Max(100) int circuitFailureRate,
        @Min(1) int circuitMinimumCalls,
        @NotNull Duration circuitWaitOpen,
        @NotNull Duration reminderInterval) {
}

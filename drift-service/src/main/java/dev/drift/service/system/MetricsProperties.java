package dev.drift.service.system;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * Metrics settings.
 *
 * @param refreshInterval how often gauges read from Redis and PostgreSQL (consumer lag and pending
 *                        entries, open drifts) are refreshed; default 10 s
 */
@ConfigurationProperties("drift.metrics")
record MetricsProperties(@Nullable Duration refreshInterval) {

    MetricsProperties {
        refreshInterval = refreshInterval == null ? Duration.ofSeconds(10) : refreshInterval;
        if (refreshInterval.isNegative() || refreshInterval.isZero()) {
            throw new IllegalArgumentException("drift.metrics.refresh-interval must be positive: " + refreshInterval);
        }
    }
}

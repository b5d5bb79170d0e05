package dev.drift.service.retention;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How long drift keeps what it no longer needs, under {@value #PREFIX}. Validated when the
 * application starts.
 *
 * @param history   resolved drift (with its history and actions), compliance checks and finished
 *                  reconcile jobs older than this are deleted; default {@code 90d}
 * @param outbox    published outbox messages older than this are deleted; default {@code 7d} (as long
 *                  as Redis remembers their idempotency keys)
 * @param interval  how often the cleanup runs; default {@code 1h}
 * @param batchSize rows deleted per statement, so a cleanup never holds long locks; default 5000
 */
@Context
@ConfigurationProperties(RetentionProperties.PREFIX)
public record RetentionProperties(
        @Bindable(defaultValue = "90d") Duration history,
        @Bindable(defaultValue = "7d") Duration outbox,
        @Bindable(defaultValue = "1h") Duration interval,
        @Bindable(defaultValue = "5000") int batchSize) {

    public static final String PREFIX = "drift.retention";

    public RetentionProperties {
        require(history != null && history.compareTo(Duration.ofDays(1)) >= 0, "history must be at least 1d");
        require(outbox != null && outbox.compareTo(Duration.ofHours(1)) >= 0, "outbox must be at least 1h");
        require(interval != null && interval.isPositive(), "interval must be positive");
        require(batchSize > 0, "batch-size must be positive");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("invalid " + PREFIX + " settings: " + message);
        }
    }
}

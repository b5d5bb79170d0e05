package dev.drift.service.sweep;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The scheduled full sweep, under {@value #PREFIX}. Validated when the application starts: an
 * expression or zone that does not parse, or a tick that is not positive, keeps it from starting.
 *
 * @param enabled whether this instance starts scheduled sweeps ({@link SweepScheduler}); default {@code true}
 * @param cron    six fields, {@code second minute hour day-of-month month day-of-week} ({@link Cron});
 *                default {@code 0 0 6 * * *}, at 06:00 every day
 * @param zone    the time zone whose wall clock the expression reads, such as {@code Europe/Berlin};
 *                default {@code UTC}
 * @param tick    how often the scheduler looks for a due slot, so how late a slot may start; default {@code 30s}
 */
@Context
@ConfigurationProperties(SweepProperties.PREFIX)
public record SweepProperties(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "0 0 6 * * *") String cron,
        @Bindable(defaultValue = "UTC") String zone,
        @Bindable(defaultValue = "30s") Duration tick) {

    public static final String PREFIX = "drift.sweep";

    public SweepProperties {
        try {
            SweepSchedule.of(cron, zone);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        if (tick == null || !tick.isPositive()) {
            throw invalid("tick must be positive");
        }
    }

    /** When sweeps are due. */
    public SweepSchedule schedule() {
        return SweepSchedule.of(cron, zone);
    }

    private static IllegalArgumentException invalid(String message) {
        return new IllegalArgumentException("invalid " + PREFIX + " settings: " + message);
    }
}

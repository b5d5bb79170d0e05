package dev.drift.service.actions.slack;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;

/** The messages a channel may still send now. */
interface Permits {

    /** Takes one permit if there is one; never waits. */
    boolean tryAcquire();

    /** How many permits are left now (an estimate: another caller may take them first). */
    int available();

    /** {@code perMinute} messages a minute, through a resilience4j {@link RateLimiter} named after the channel. */
    static Permits perMinute(String channel, int perMinute) {
        RateLimiter limiter = RateLimiter.of("notify-" + channel, RateLimiterConfig.custom()
                .limitForPeriod(perMinute)
                .limitRefreshPeriod(Duration.ofMinutes(1))
                .timeoutDuration(Duration.ZERO)
                .build());
        return new Permits() {
            @Override
            public boolean tryAcquire() {
                return limiter.acquirePermission();
            }

            @Override
            public int available() {
                return limiter.getMetrics().getAvailablePermissions();
            }
        };
    }

    /** No limit: for the console. */
    static Permits unlimited() {
        return new Permits() {
            @Override
            public boolean tryAcquire() {
                return true;
            }

            @Override
            public int available() {
                return Integer.MAX_VALUE;
            }
        };
    }
}

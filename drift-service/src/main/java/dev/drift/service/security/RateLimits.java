package dev.drift.service.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.util.StringUtils;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;

/**
 * A request budget per token name: {@code drift.security.rate-limit} requests in each one-second
 * period, none carried over, no waiting. Limiters of tokens not used for a while are dropped.
 * Per instance: with N instances behind a balancer a token gets up to N times the budget.
 */
@Singleton
@Requires(property = SecurityProperties.PREFIX + ".enabled", notEquals = StringUtils.FALSE)
final class RateLimits {
    private static final Duration PERIOD = Duration.ofSeconds(1);
    private static final Duration IDLE = Duration.ofMinutes(10);

    private final RateLimiterConfig config;
    private final Cache<String, RateLimiter> limiters = Caffeine.newBuilder().expireAfterAccess(IDLE).build();

    RateLimits(SecurityProperties properties) {
        this.config = RateLimiterConfig.custom()
                .limitForPeriod(properties.rateLimit())
                .limitRefreshPeriod(PERIOD)
                .timeoutDuration(Duration.ZERO)
                .build();
    }

    /** Empty when the caller may go on; otherwise how long until its budget refills (at least a second). */
    Optional<Duration> retryAfter(Caller caller) {
        RateLimiter limiter = limiters.get(caller.name(), name -> RateLimiter.of("api-token-" + name, config));
        if (limiter.acquirePermission()) {
            return Optional.empty();
        }
        return Optional.of(wait(limiter));
    }

    private static Duration wait(RateLimiter limiter) {
        long nanos = limiter instanceof AtomicRateLimiter atomic
                ? atomic.getDetailedMetrics().getNanosToWait() : PERIOD.toNanos();
        long seconds = Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
        return Duration.ofSeconds(seconds);
    }
}

package dev.drift.service.system;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micronaut.health.HealthStatus;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How {@code /health} shows an external dependency guarded by a circuit breaker (NetBox, a Slack
 * channel, the ITSM): {@link #DEGRADED} while its circuit is not closed, with the circuit's figures
 * as details.
 *
 * <p>{@code DEGRADED} ranks above {@code UP} and below {@code DOWN}, and maps to HTTP 200: the
 * service goes on without the dependency (it defers, retries, and catches up when it is back), so
 * an instance stays ready. Only PostgreSQL and Redis being away make {@code /health} DOWN (503).
 */
public final class CircuitHealth {
    /** Working, without one of its external dependencies. */
    public static final HealthStatus DEGRADED = new HealthStatus("DEGRADED",
            "an external dependency is failing; work waits for it and resumes when it is back", null, 500);

    private CircuitHealth() {
    }

    /** UP when the circuit is closed (or disabled), otherwise {@link #DEGRADED}. */
    public static HealthStatus status(CircuitBreaker breaker) {
        return switch (breaker.getState()) {
            case CLOSED, DISABLED, METRICS_ONLY -> HealthStatus.UP;
            default -> DEGRADED;
        };
    }

    /** The circuit's state and the figures of its sliding window, e.g. {@code circuit: open}. */
    public static Map<String, Object> details(CircuitBreaker breaker) {
        CircuitBreaker.Metrics m = breaker.getMetrics();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("circuit", breaker.getState().name().toLowerCase(Locale.ROOT));
        details.put("failure_rate", m.getFailureRate() < 0 ? 0f : m.getFailureRate());
        details.put("failed_calls", m.getNumberOfFailedCalls());
        details.put("successful_calls", m.getNumberOfSuccessfulCalls());
        details.put("not_permitted_calls", m.getNumberOfNotPermittedCalls());
        return details;
    }
}

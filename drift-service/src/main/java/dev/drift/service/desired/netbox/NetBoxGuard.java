package dev.drift.service.desired.netbox;

import com.fasterxml.jackson.core.JacksonException;
import dev.drift.service.desired.netbox.client.ApiException;
import dev.drift.service.system.DriftException;
import dev.drift.service.system.DriftMetrics;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.decorators.Decorators;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Runs every NetBox call through a bulkhead, a circuit breaker and a retry (outermost), and turns
 * every failure into a {@link DriftException}:
 * <ul>
 *   <li>{@link DriftException.Retryable}, retried with exponential backoff: connect errors and other
 *       I/O failures, timeouts, HTTP 5xx, and 429 (after its {@code Retry-After}, at most
 *       {@code circuitWaitOpen});</li>
 *   <li>{@link DriftException.Retryable}, not retried: circuit open, bulkhead full;</li>
 *   <li>{@link DriftException.Terminal}, never retried: any other 4xx, a body that does not parse.</li>
 * </ul>
 * Only retryable failures count against the circuit.
 */
final class NetBoxGuard {
    private static final int WINDOW = 20;
    private static final int MIN_CALLS = 5;

    private final Retry retry;
    private final CircuitBreaker circuitBreaker;
    private final Bulkhead bulkhead;
    private final DriftMetrics metrics;

    /** One NetBox call as the generated client makes it. */
    @FunctionalInterface
    interface ApiCall<T> {
        T call() throws ApiException;
    }

    NetBoxGuard(NetBoxProperties properties, DriftMetrics metrics) {
        this.metrics = metrics;
        IntervalFunction backoff = IntervalFunction.ofExponentialBackoff(properties.retryInitialBackoff(), 2.0);
        Duration maxRetryAfter = properties.circuitWaitOpen();
        IntervalBiFunction<Object> interval = (attempt, outcome) -> outcome.isLeft()
                ? retryAfter(outcome.getLeft()).map(d -> Math.min(d.toMillis(), maxRetryAfter.toMillis()))
                        .orElseGet(() -> backoff.apply(attempt))
                : backoff.apply(attempt);
        this.retry = Retry.of("netbox", RetryConfig.custom()
                .maxAttempts(properties.retryAttempts())
                .intervalBiFunction(interval)
                .retryOnException(t -> t instanceof DriftException.Retryable)
                .build());
        this.circuitBreaker = CircuitBreaker.of("netbox", CircuitBreakerConfig.custom()
                .failureRateThreshold(properties.circuitFailureRate())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(WINDOW)
                .minimumNumberOfCalls(MIN_CALLS)
                .waitDurationInOpenState(properties.circuitWaitOpen())
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(t -> t instanceof DriftException.Retryable)
                .ignoreExceptions(BulkheadFullException.class)
                .build());
        this.bulkhead = Bulkhead.of("netbox", BulkheadConfig.custom()
                .maxConcurrentCalls(properties.bulkheadMaxConcurrent())
                .maxWaitDuration(properties.timeout())
                .build());
        metrics.netBoxCircuit(circuitBreaker);
    }

    /** Runs one call; {@code operation} names it in failure messages. */
    <T> T call(String operation, ApiCall<T> call) {
        try {
            return Decorators.ofSupplier(() -> metrics.timeNetBoxCall(() -> invoke(operation, call)))
                    .withBulkhead(bulkhead)
                    .withCircuitBreaker(circuitBreaker)
                    .withRetry(retry)
                    .get();
        } catch (CallNotPermittedException open) {
            throw new DriftException.Retryable("NetBox circuit is open after repeated failures: " + operation, open);
        } catch (BulkheadFullException full) {
            throw new DriftException.Retryable("too many concurrent NetBox calls: " + operation, full);
        }
    }

    CircuitBreaker.State circuitState() {
        return circuitBreaker.getState();
    }

    CircuitBreaker circuit() {
        return circuitBreaker;
    }

    private static <T> T invoke(String operation, ApiCall<T> call) {
        try {
            return call.call();
        } catch (ApiException e) {
            throw classify(operation, e);
        }
    }

    /** Whether trying again can help, from the HTTP status or the I/O failure behind it. */
    static DriftException classify(String operation, ApiException e) {
        int code = e.getCode();
        if (code == 0) {
            Throwable cause = e.getCause();
            if (cause instanceof JacksonException) {
                return new DriftException.Terminal("NetBox answer to " + operation + " does not parse: "
                        + cause.getMessage(), e);
            }
            String reason = cause == null ? e.getMessage() : cause.getClass().getSimpleName() + " " + cause.getMessage();
            if (cause instanceof IOException || cause instanceof InterruptedException || cause == null) {
                return new DriftException.Retryable("NetBox unreachable (" + operation + "): " + reason, e);
            }
            return new DriftException.Terminal("NetBox call " + operation + " failed: " + reason, e);
        }
        String message = "NetBox answered " + code + " to " + operation;
        if (code == 429 || code >= 500) {
            return new DriftException.Retryable(message, e);
        }
        return new DriftException.Terminal(message + ": " + abbreviate(e.getResponseBody()), e);
    }

    /** The wait a 429 or 503 asks for in {@code Retry-After} (seconds or an HTTP date), if any. */
    static Optional<Duration> retryAfter(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ApiException api && api.getResponseHeaders() != null) {
                return parseRetryAfter(api.getResponseHeaders());
            }
        }
        return Optional.empty();
    }

    private static Optional<Duration> parseRetryAfter(HttpHeaders headers) {
        return headers.firstValue("Retry-After").map(String::strip).flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
            } catch (NumberFormatException notSeconds) {
                try {
                    Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    Duration wait = Duration.between(Instant.now(), at);
                    return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
                } catch (DateTimeParseException notDate) {
                    return Optional.empty();
                }
            }
        });
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return "";
        }
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }
}

package dev.drift.service.actions;

import dev.drift.service.system.DriftException;
import dev.drift.service.system.DriftMetrics;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.decorators.Decorators;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * resilience4j around every call to an action target (a Slack channel, the ITSM, AWX, ansible-runner):
 * a circuit breaker per target, which opens when retryable failures pile up and then refuses calls
 * ({@link CallNotPermittedException}) until its wait is over, and a few immediate retries for blips.
 * Terminal failures (4xx) neither retry nor count against the circuit. The durable retry with
 * exponential backoff across attempts is {@link #nextAttemptAt}.
 */
@Singleton
public final class TargetGuards {
    private final CircuitBreakerRegistry breakers;
    private final RetryRegistry retries;
    private final IntervalFunction backoff;
    private final Duration waitOpen;

    TargetGuards(ActionsProperties properties, DriftMetrics metrics) {
        this.waitOpen = properties.circuitWaitOpen();
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(properties.circuitFailureRate())
                .minimumNumberOfCalls(properties.circuitMinimumCalls())
                .slidingWindowSize(Math.max(10, properties.circuitMinimumCalls()))
                .waitDurationInOpenState(properties.circuitWaitOpen())
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .recordException(DriftException::isRetryable)
                .build());
        breakers.getEventPublisher().onEntryAdded(added -> metrics.actionCircuit(added.getAddedEntry()));
        this.retries = RetryRegistry.of(RetryConfig.custom()
                .maxAttempts(properties.inlineRetries())
                .intervalFunction(IntervalFunction.of(Duration.ofMillis(200)))
                .retryOnException(e -> !(e instanceof CallNotPermittedException) && DriftException.isRetryable(e))
                .build());
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(properties.retryInitialBackoff(), 2.0, 0.2,
                properties.retryMaxBackoff());
    }

    /** Calls the target through its circuit breaker and inline retries. */
    public <T> T call(String target, Supplier<T> call) {
        return Decorators.ofSupplier(call)
                .withCircuitBreaker(breakers.circuitBreaker(target))
                .withRetry(retries.retry(target))
                .get();
    }

    /** When a failed action is due again: exponential backoff with jitter, or after an open circuit's wait. */
    Instant nextAttemptAt(int attempts, RuntimeException failure) {
        Duration wait = failure instanceof CallNotPermittedException ? waitOpen
                : Duration.ofMillis(backoff.apply(Math.max(1, attempts)));
        return Instant.now().plus(wait);
    }

    /** The circuit of every target called so far, by target. */
    Map<String, CircuitBreaker> circuits() {
        Map<String, CircuitBreaker> byTarget = new TreeMap<>();
        breakers.getAllCircuitBreakers().forEach(b -> byTarget.put(b.getName(), b));
        return byTarget;
    }

    /** The state of the target's circuit: CLOSED, OPEN, HALF_OPEN. */
    public CircuitBreaker.State state(String target) {
        return breakers.circuitBreaker(target).getState();
    }
}

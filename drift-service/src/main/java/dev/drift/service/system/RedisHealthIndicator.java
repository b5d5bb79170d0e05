package dev.drift.service.system;

import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reports Redis as up when it answers PING on the shared connection within {@link #PING_TIMEOUT_MS}.
 * A disconnected connection is reported down at once: lettuce would queue the PING until it has
 * reconnected, and {@code /health} must answer while Redis is away.
 */
@Singleton
final class RedisHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
    private static final long PING_TIMEOUT_MS = 2_000;

    private final StatefulRedisConnection<String, String> connection;

    RedisHealthIndicator(StatefulRedisConnection<String, String> connection) {
        this.connection = connection;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        if (!connection.isOpen()) {
            healthStatus = HealthStatus.DOWN;
            return Map.of("error", "disconnected, reconnecting");
        }
        try {
            String pong = connection.async().ping().get(PING_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            healthStatus = "PONG".equals(pong) ? HealthStatus.UP : HealthStatus.DOWN;
            return Map.of("ping", pong);
        } catch (TimeoutException e) {
            healthStatus = HealthStatus.DOWN;
            return Map.of("error", "no answer to PING within " + PING_TIMEOUT_MS + " ms");
        } catch (ExecutionException e) {
            healthStatus = HealthStatus.DOWN;
            return Map.of("error", String.valueOf(e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            healthStatus = HealthStatus.DOWN;
            return Map.of("error", "interrupted");
        } catch (RuntimeException e) {
            healthStatus = HealthStatus.DOWN;
            return Map.of("error", String.valueOf(e.getMessage()));
        }
    }

    @Override
    protected String getName() {
        return "redis";
    }
}

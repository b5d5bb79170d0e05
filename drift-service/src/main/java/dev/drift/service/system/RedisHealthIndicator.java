package dev.drift.service.system;

import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.Map;

/** Reports Redis as up when it answers PING on the shared connection. */
@Singleton
final class RedisHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
    private final StatefulRedisConnection<String, String> connection;

    RedisHealthIndicator(StatefulRedisConnection<String, String> connection) {
        this.connection = connection;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        try {
            String pong = connection.sync().ping();
            healthStatus = "PONG".equals(pong) ? HealthStatus.UP : HealthStatus.DOWN;
            return Map.of("ping", pong);
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

package dev.drift.service.actions;

import dev.drift.service.system.CircuitHealth;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code actions} in {@code /health}: one entry per action target called so far (a Slack channel,
 * the ITSM, ...) with its circuit's figures; DEGRADED while any target's circuit is open or
 * half-open (its actions wait and are delivered when it answers again), UP otherwise.
 */
@Singleton
final class ActionTargetsHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
    private final TargetGuards guards;

    ActionTargetsHealthIndicator(TargetGuards guards) {
        this.guards = guards;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        HealthStatus worst = HealthStatus.UP;
        Map<String, Object> targets = new LinkedHashMap<>();
        for (Map.Entry<String, CircuitBreaker> e : guards.circuits().entrySet()) {
            HealthStatus status = CircuitHealth.status(e.getValue());
            worst = status.compareTo(worst) > 0 ? status : worst;
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("status", status.getName());
            details.putAll(CircuitHealth.details(e.getValue()));
            targets.put(e.getKey(), details);
        }
        healthStatus = worst;
        return targets;
    }

    @Override
    protected String getName() {
        return "actions";
    }
}

package dev.drift.service.desired.netbox;

import dev.drift.service.system.CircuitHealth;
import io.micronaut.context.annotation.Requires;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * {@code netbox} in {@code /health} when desired state comes from NetBox: DEGRADED while NetBox's
 * circuit is open or half-open (CIs are deferred, not decided on a guess), UP otherwise. It makes
 * no call to NetBox itself.
 */
@Singleton
@Requires(property = "drift.desired.source", value = "netbox")
final class NetBoxHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
    private final NetBoxDesiredStateSource source;

    NetBoxHealthIndicator(NetBoxDesiredStateSource source) {
        this.source = source;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        healthStatus = CircuitHealth.status(source.circuit());
        return CircuitHealth.details(source.circuit());
    }

    @Override
    protected String getName() {
        return "netbox";
    }
}

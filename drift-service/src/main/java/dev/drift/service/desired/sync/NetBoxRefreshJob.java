package dev.drift.service.desired.sync;

import dev.drift.service.desired.netbox.NetBoxDesiredStateSource;
import dev.drift.service.model.CiKey;
import dev.drift.service.reconcile.ReconcileTrigger;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catches NetBox changes whose webhook was lost: every {@code drift.desired.netbox.refresh-interval}
 * it lists the VMs and devices changed since the last successful run ({@code last_updated__gte},
 * with a minute of overlap for clock skew), drops them from the cache and reconciles them. A run
 * that fails (NetBox down) is not counted as done, so the next one covers the gap.
 */
@Singleton
@Requires(property = "drift.desired.source", value = "netbox")
final class NetBoxRefreshJob {
    private static final Logger LOG = LoggerFactory.getLogger(NetBoxRefreshJob.class);
    private static final Duration OVERLAP = Duration.ofMinutes(1);

    private final NetBoxDesiredStateSource netbox;
    private final ReconcileTrigger trigger;
    private volatile Instant lastSuccess = Instant.now();

    NetBoxRefreshJob(NetBoxDesiredStateSource netbox, ReconcileTrigger trigger) {
        this.netbox = netbox;
        this.trigger = trigger;
    }

    @Scheduled(fixedDelay = "${drift.desired.netbox.refresh-interval:5m}",
            initialDelay = "${drift.desired.netbox.refresh-interval:5m}")
    void refresh() {
        Instant started = Instant.now();
        try {
            List<CiKey> changed = netbox.changedSince(lastSuccess.minus(OVERLAP));
            changed.forEach(netbox::invalidate);
            trigger.request(changed);
            lastSuccess = started;
            LOG.info("NetBox refresh: {} CIs changed since {}", changed.size(), started);
        } catch (RuntimeException e) {
            LOG.warn("NetBox refresh failed, will cover the gap next time: {}", e.getMessage());
        }
    }
}

package dev.drift.service.suppress;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-evaluates CIs when what covered their drift ends: an exception expires or is revoked, a change
 * window closes. Runs every {@code drift.suppression.check-interval}; any instance may run it (the
 * update that marks an ending settled is what claims it).
 */
@Singleton
final class SuppressionExpiry {
    private static final Logger LOG = LoggerFactory.getLogger(SuppressionExpiry.class);

    private final SuppressionStore store;

    SuppressionExpiry(SuppressionStore store) {
        this.store = store;
    }

    @Scheduled(fixedDelay = "${drift.suppression.check-interval:5s}", initialDelay = "${drift.suppression.check-interval:5s}")
    void settleEnded() {
        try {
            int settled = store.settleEnded();
            if (settled > 0) {
                LOG.info("{} exceptions or change windows ended; their CIs are re-evaluated", settled);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not settle ended exceptions and change windows: {}", e.getMessage());
        }
    }
}

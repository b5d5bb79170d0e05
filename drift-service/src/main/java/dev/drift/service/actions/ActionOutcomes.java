package dev.drift.service.actions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drift.service.system.Database;
import dev.drift.service.system.DriftMetrics;
import dev.drift.service.system.DriftMetrics.ActionOutcome;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records how an attempt at a leased action ended, in {@link ActionQueue} (each on its own
 * transaction, which also ends the lease) and in the metrics: delivered, due again after the
 * target's backoff, or failed for good.
 */
@Singleton
final class ActionOutcomes {
    private static final Logger LOG = LoggerFactory.getLogger(ActionOutcomes.class);

    private final Database database;
    private final ActionQueue queue;
    private final TargetGuards guards;
    private final ActionsProperties properties;
    private final DriftMetrics metrics;

    ActionOutcomes(Database database, ActionQueue queue, TargetGuards guards, ActionsProperties properties,
                   DriftMetrics metrics) {
        this.database = database;
        this.queue = queue;
        this.guards = guards;
        this.properties = properties;
        this.metrics = metrics;
    }

    /** Every action covered by one message (or one ticket) delivered, with the target's result. */
    void delivered(List<ClaimedAction> covered, ObjectNode result) {
        database.write(c -> {
            queue.delivered(c, covered.stream().map(ClaimedAction::id).toList(), result);
            return null;
        });
        covered.forEach(a -> counted(a, ActionOutcome.DELIVERED));
    }

    /**
     * Due again after the target's backoff, or failed once {@code max-attempts} are used up.
     * {@code inDoubt}: the attempt may have sent the message, which the next attempt looks up first.
     */
    void retry(ClaimedAction a, RuntimeException e, boolean inDoubt) {
        if (a.attempts() >= properties.maxAttempts()) {
            fail(a, "gave up after " + a.attempts() + " attempts: " + e.getMessage());
            return;
        }
        Instant due = guards.nextAttemptAt(a.attempts(), e);
        LOG.warn("{} {} for drift {} failed (attempt {}), next at {}: {}", a.kind().wireName(), a.target(),
                a.driftId(), a.attempts(), due, e.getMessage());
        database.write(c -> {
            queue.retryAt(c, a.id(), e.getMessage(), due, inDoubt);
            return null;
        });
        counted(a, ActionOutcome.RETRY);
    }

    /** Given up: the target refused it for good, or it kept failing for too long. */
    void fail(ClaimedAction a, String error) {
        LOG.error("{} {} for drift {} failed for good: {}", a.kind().wireName(), a.target(), a.driftId(), error);
        database.write(c -> {
            queue.failed(c, a.id(), error);
            return null;
        });
        counted(a, ActionOutcome.FAILED);
    }

    /** Counts an outcome already recorded elsewhere (in the caller's transaction). */
    void counted(ClaimedAction a, ActionOutcome outcome) {
        metrics.action(a.kind().wireName(), a.target(), outcome);
    }
}

package dev.drift.service.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drift.service.system.DriftMetrics.ActionOutcome;
import dev.drift.service.system.DriftMetrics.Consumed;
import dev.drift.service.system.DriftMetrics.DeadLetterReason;
import dev.drift.service.system.DriftMetrics.DriftBucket;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DriftMetrics metrics = new DriftMetrics(registry);

    @Test
    void deadLetterCountsByReasonAndAsConsumed() {
        metrics.consumed("vm.power_changed", Consumed.APPLIED);
        metrics.deadLettered("vm.power_changed", DeadLetterReason.SCHEMA);

        assertThat(registry.get(DriftMetrics.DEAD_LETTERED).tags("stream", "vm.power_changed", "reason", "schema")
                .counter().count()).isEqualTo(1.0);
        assertThat(registry.get(DriftMetrics.CONSUMED).tags("outcome", "dead_lettered").counter().count())
                .isEqualTo(1.0);
        assertThat(registry.get(DriftMetrics.CONSUMED).tags("outcome", "applied").counter().count()).isEqualTo(1.0);
    }

    @Test
    void openDriftsThatDisappearReadZero() {
        metrics.openDrifts(Map.of(new DriftBucket("state", "high"), 3L, new DriftBucket("package", "warning"), 1L));
        metrics.openDrifts(Map.of(new DriftBucket("package", "warning"), 2L));

        assertThat(registry.get(DriftMetrics.OPEN_DRIFTS).tags("category", "state", "severity", "high").gauge().value())
                .isZero();
        assertThat(registry.get(DriftMetrics.OPEN_DRIFTS).tags("category", "package").gauge().value()).isEqualTo(2.0);
    }

    @Test
    void backlogGaugesHoldTheLastValues() {
        metrics.streamBacklog("network.changed", 7, 2);
        metrics.streamBacklog("network.changed", 4, 1);

        assertThat(registry.get(DriftMetrics.LAG).tags("stream", "network.changed").gauge().value()).isEqualTo(4.0);
        assertThat(registry.get(DriftMetrics.PENDING).tags("stream", "network.changed").gauge().value()).isEqualTo(1.0);
    }

    @Test
    void reconcileTimesAndCountsCis() {
        metrics.reconciled(3, Duration.ofMillis(12));

        assertThat(registry.get(DriftMetrics.RECONCILE_DURATION).timer().count()).isEqualTo(1);
        assertThat(registry.get(DriftMetrics.CIS_RECONCILED).counter().count()).isEqualTo(3.0);
    }

    @Test
    void actionsCountByKindTargetAndOutcome() {
        metrics.action("notify", "default", ActionOutcome.RETRY);
        metrics.action("notify", "default", ActionOutcome.DELIVERED);

        assertThat(registry.get(DriftMetrics.ACTIONS).tags("kind", "notify", "target", "default", "outcome", "retry")
                .counter().count()).isEqualTo(1.0);
    }

    @Test
    void netBoxCallsAreTimedWithTheirOutcome() {
        assertThat(metrics.timeNetBoxCall(() -> "vm")).isEqualTo("vm");
        assertThatThrownBy(() -> metrics.timeNetBoxCall(() -> {
            throw new DriftException.Retryable("NetBox unreachable");
        })).isInstanceOf(DriftException.Retryable.class);

        assertThat(registry.get(DriftMetrics.NETBOX_CALL).tags("outcome", "success").timer().count()).isEqualTo(1);
        assertThat(registry.get(DriftMetrics.NETBOX_CALL).tags("outcome", "failure").timer().count()).isEqualTo(1);
    }

    @Test
    void circuitStateReadsZeroClosedOneOpenTwoHalfOpen() {
        CircuitBreaker breaker = CircuitBreaker.ofDefaults("netbox");
        metrics.netBoxCircuit(breaker);

        assertThat(registry.get(DriftMetrics.NETBOX_CIRCUIT).gauge().value()).isZero();
        breaker.transitionToOpenState();
        assertThat(registry.get(DriftMetrics.NETBOX_CIRCUIT).gauge().value()).isEqualTo(1.0);
        breaker.transitionToHalfOpenState();
        assertThat(registry.get(DriftMetrics.NETBOX_CIRCUIT).gauge().value()).isEqualTo(2.0);
    }
}

package dev.drift.service.system;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The service's own metrics, all named {@code drift_*} when scraped at {@code /prometheus}, behind
 * one-line calls so instrumented classes stay readable and testable.
 *
 * <ul>
 *   <li>{@code drift_events_consumed_total{stream, outcome}}: entries read from an inbound stream, by
 *       what became of them ({@link Consumed});</li>
 *   <li>{@code drift_dead_lettered_total{stream, reason}}: entries sent to the dead-letter stream, by
 *       {@link DeadLetterReason};</li>
 *   <li>{@code drift_consumer_lag{stream}}, {@code drift_consumer_pending{stream}}: entries not yet
 *       delivered to, and delivered but not acknowledged by, the consumer group (refreshed gauges);</li>
 *   <li>{@code drift_reconcile_duration_seconds}: one reconcile of a batch of CIs, and
 *       {@code drift_cis_reconciled_total}: the CIs in them;</li>
 *   <li>{@code drift_open_drifts{category, severity}}: drift events not resolved (refreshed gauge; a
 *       combination that disappears reads 0, it does not vanish);</li>
 *   <li>{@code drift_actions_total{kind, target, outcome}}: attempts to carry out an action
 *       ({@link ActionOutcome});</li>
 *   <li>{@code drift_netbox_call_duration_seconds{outcome}}: each NetBox HTTP attempt, and
 *       {@code drift_netbox_circuit_state}: 0 closed, 1 open, 2 half-open;</li>
 *   <li>{@code drift_action_circuit_state{target}}: the circuit of an action target (a Slack channel,
 *       the ITSM, ...), 0 closed, 1 open, 2 half-open;</li>
 *   <li>{@code drift_ingest_failures_total{stage}}: rounds of the stream consumer that failed
 *       ({@code round}: Redis, or PostgreSQL in housekeeping, did not answer) and entries left
 *       unacknowledged for a later delivery ({@code apply}: PostgreSQL did not take them).</li>
 * </ul>
 *
 * <p>Thread-safe. Counters only grow from the moment the process starts; gauges hold the last value
 * set.
 */
@Singleton
public final class DriftMetrics {
    static final String CONSUMED = "drift.events.consumed";
    static final String DEAD_LETTERED = "drift.dead_lettered";
    static final String LAG = "drift.consumer.lag";
    static final String PENDING = "drift.consumer.pending";
    static final String RECONCILE_DURATION = "drift.reconcile.duration";
    static final String CIS_RECONCILED = "drift.cis.reconciled";
    static final String COMPLIANCE_CHECKS = "drift.compliance.checks";
    static final String OPEN_DRIFTS = "drift.open_drifts";
    static final String ACTIONS = "drift.actions";
    static final String NETBOX_CALL = "drift.netbox.call.duration";
    static final String NETBOX_CIRCUIT = "drift.netbox.circuit.state";
    static final String ACTION_CIRCUIT = "drift.action.circuit.state";
    static final String INGEST_FAILURES = "drift.ingest.failures";

    private final MeterRegistry registry;
    private final Map<GaugeKey, AtomicLong> gauges = new ConcurrentHashMap<>();
    private final Timer reconcileDuration;
    private final Counter cisReconciled;

    /** What became of an entry read from an inbound stream. */
    public enum Consumed {
        /** Its observations were recorded. */
        APPLIED,
        /** Its id was processed before (a redelivery); nothing changed. */
        DUPLICATE,
        /** The drift agent had sent it before (its seq was taken already); nothing changed. */
        REPLAYED,
        /** It went to the dead-letter stream. */
        DEAD_LETTERED
    }

    /** Why an entry was dead-lettered. */
    public enum DeadLetterReason {
        /** Not an event at all: no payload, not JSON, unknown stream, or it cannot be stored. */
        UNDECODABLE,
        /** JSON that does not match the stream's schema. */
        SCHEMA,
        /** Delivered {@code max-deliveries} times without being processed. */
        POISON
    }

    /** How one attempt to carry out an action ended. */
    public enum ActionOutcome {
        /** Delivered (for a remediation: the run succeeded). */
        DELIVERED,
        /** Failed in a way a later attempt may fix; due again. */
        RETRY,
        /** Failed for good (for a remediation: the run failed, or could not run). */
        FAILED,
        /** Not done because it no longer made sense (the drift resolved or is suppressed). */
        SKIPPED
    }

    /** A category and severity of drift, as stored ({@code state}, {@code high}). */
    public record DriftBucket(String category, String severity) {
    }

    private record GaugeKey(String name, Tags tags) {
    }

    public DriftMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.reconcileDuration = Timer.builder(RECONCILE_DURATION)
                .description("Reconciles of a batch of CIs").register(registry);
        this.cisReconciled = Counter.builder(CIS_RECONCILED).description("CIs reconciled").register(registry);
    }

    /** Metrics kept in memory and exported nowhere, for components built outside the application context. */
    public static DriftMetrics detached() {
        return new DriftMetrics(new SimpleMeterRegistry());
    }

    /** An entry of {@code stream} was read and ended as {@code outcome}. */
    public void consumed(String stream, Consumed outcome) {
        registry.counter(CONSUMED, "stream", stream, "outcome", wire(outcome)).increment();
    }

    /** An entry of {@code stream} went to the dead-letter stream; it also counts as consumed. */
    public void deadLettered(String stream, DeadLetterReason reason) {
        registry.counter(DEAD_LETTERED, "stream", stream, "reason", wire(reason)).increment();
        consumed(stream, Consumed.DEAD_LETTERED);
    }

    /** The consumer group's lag and pending entries on {@code stream}, as just read from Redis. */
    public void streamBacklog(String stream, long lag, long pending) {
        gauge(new GaugeKey(LAG, Tags.of("stream", stream))).set(lag);
        gauge(new GaugeKey(PENDING, Tags.of("stream", stream))).set(pending);
    }

    /** A reconcile of {@code cis} CIs took {@code took}. */
    public void reconciled(int cis, Duration took) {
        reconcileDuration.record(took);
        cisReconciled.increment(cis);
    }

    /**
     * The current count of drift events not resolved, per category and severity. Combinations seen
     * before and missing from {@code counts} are set to 0.
     */
    public void openDrifts(Map<DriftBucket, Long> counts) {
        Set<GaugeKey> current = new HashSet<>();
        counts.forEach((bucket, count) -> {
            GaugeKey key = new GaugeKey(OPEN_DRIFTS, Tags.of("category", bucket.category(), "severity", bucket.severity()));
            current.add(key);
            gauge(key).set(count);
        });
        gauges.forEach((key, value) -> {
            if (key.name().equals(OPEN_DRIFTS) && !current.contains(key)) {
                value.set(0);
            }
        });
    }

    /**
     * One compliance check of a machine against a pack ended with {@code verdict}
     * ({@code compliant}, {@code non_compliant}, {@code unknown}); {@code failed} when the check
     * itself failed (bad data) and was recorded as unknown.
     */
    public void complianceChecked(String verdict, boolean failed) {
        registry.counter(COMPLIANCE_CHECKS, "verdict", verdict, "failed", Boolean.toString(failed)).increment();
    }

    /** One attempt to carry out an action of {@code kind} ({@code notify}, ...) for {@code target}. */
    public void action(String kind, String target, ActionOutcome outcome) {
        registry.counter(ACTIONS, "kind", kind, "target", target, "outcome", wire(outcome)).increment();
    }

    /** Runs one NetBox HTTP attempt and times it, with whether it returned or threw. */
    public <T> T timeNetBoxCall(Supplier<T> call) {
        long started = System.nanoTime();
        String outcome = "failure";
        try {
            T result = call.get();
            outcome = "success";
            return result;
        } finally {
            Timer.builder(NETBOX_CALL).tag("outcome", outcome).register(registry)
                    .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    /** Reports the state of NetBox's circuit breaker: 0 closed, 1 open, 2 half-open. */
    public void netBoxCircuit(CircuitBreaker breaker) {
        Gauge.builder(NETBOX_CIRCUIT, breaker, b -> circuitCode(b.getState()))
                .description("NetBox circuit breaker: 0 closed, 1 open, 2 half-open")
                .strongReference(true).register(registry);
    }

    /** Reports the state of an action target's circuit breaker, tagged with the target (its name). */
    public void actionCircuit(CircuitBreaker breaker) {
        Gauge.builder(ACTION_CIRCUIT, breaker, b -> circuitCode(b.getState()))
                .description("Action target circuit breaker: 0 closed, 1 open, 2 half-open")
                .tag("target", breaker.getName())
                .strongReference(true).register(registry);
    }

    /** A round of the stream consumer failed ({@code round}), or {@code count} entries were not applied ({@code apply}). */
    public void ingestFailed(String stage, int count) {
        registry.counter(INGEST_FAILURES, "stage", stage).increment(count);
    }

    static int circuitCode(CircuitBreaker.State state) {
        return switch (state) {
            case OPEN, FORCED_OPEN -> 1;
            case HALF_OPEN -> 2;
            default -> 0;
        };
    }

    private AtomicLong gauge(GaugeKey key) {
        return gauges.computeIfAbsent(key, k -> registry.gauge(k.name(), k.tags(), new AtomicLong()));
    }

    private static String wire(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}

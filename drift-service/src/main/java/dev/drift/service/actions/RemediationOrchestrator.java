package dev.drift.service.actions;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drift.service.ledger.ActiveDrift;
import dev.drift.service.ledger.CiLocks;
import dev.drift.service.ledger.DriftChanges;
import dev.drift.service.ledger.DriftStatus;
import dev.drift.service.ledger.Transition;
import dev.drift.service.model.CiKey;
import dev.drift.service.policy.PolicyStore;
import dev.drift.service.reconcile.ReconcileRequests;
import dev.drift.service.system.Database;
import dev.drift.service.system.DriftException;
import dev.drift.service.system.DriftMetrics;
import dev.drift.service.system.DriftMetrics.ActionOutcome;
import dev.drift.service.system.LogContext;
import dev.drift.service.system.NudgedWorker;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs remediations and follows them up.
 *
 * <p>Lifecycle of one drift's remediation: the drift goes {@code remediating} when a real run
 * starts (an operator's dry run changes no status); a check-first remediation runs in check mode
 * first and continues with the real run only if that succeeded. After a successful real run the CI
 * is reconciled, and a {@code verify} action is due {@code verify-timeout} later: if the machine has
 * reported back compliant by then, the drift resolved with {@code resolved_by = remediation};
 * otherwise, and after a failed run, the next attempt follows after {@code host-backoff}, up to
 * {@code max-attempts}, and then the drift is {@code escalated} (messages and an incident).
 *
 * <p>Concurrency: at most {@code max-concurrent} runs per instance, one run per CI across instances
 * ({@link RemediationGuards}). Crash semantics: a run in progress when the process dies is run
 * again when its lease runs out; playbooks must be idempotent, as Ansible playbooks are meant to be.
 */
@Singleton
public final class RemediationOrchestrator implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(RemediationOrchestrator.class);
    private static final int MAX_NOTE_OUTPUT = 4096;

    private final Database database;
    private final ActionQueue queue;
    private final TargetGuards guards;
    private final RemediationProperties properties;
    private final ActionsProperties actionsProperties;
    private final List<RemediationExecutor> executors;
    private final DriftChanges drifts;
    private final ActionPlanner planner;
    private final PolicyStore policies;
    private final ReconcileRequests requests;
    private final RemediationGuards hostGuards;
    private final ActionDispatcher dispatcher;
    private final DriftMetrics metrics;
    private final Semaphore permits;
    private final ExecutorService runs = Executors.newVirtualThreadPerTaskExecutor();
    private final NudgedWorker worker;

    /** What starting a run found. */
    private sealed interface Start {
        record Proceed(ActiveDrift drift) implements Start {
        }

        record Skip(String reason) implements Start {
        }

        record Busy() implements Start {
        }
    }

    RemediationOrchestrator(Database database, ActionQueue queue, TargetGuards guards, RemediationProperties properties,
                            ActionsProperties actionsProperties, List<RemediationExecutor> executors,
                            DriftChanges drifts, ActionPlanner planner, PolicyStore policies,
                            ReconcileRequests requests, RemediationGuards hostGuards, ActionDispatcher dispatcher,
                            DriftMetrics metrics) {
        this.database = database;
        this.queue = queue;
        this.guards = guards;
        this.properties = properties;
        this.actionsProperties = actionsProperties;
        this.executors = executors;
        this.drifts = drifts;
        this.planner = planner;
        this.policies = policies;
        this.requests = requests;
        this.hostGuards = hostGuards;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        this.permits = new Semaphore(properties.maxConcurrent());
        this.worker = new NudgedWorker("remediation-orchestrator", actionsProperties.pollInterval(),
                this::claimAndStart);
    }

    /** Asks the orchestrator to look for due remediations now. */
    public void nudge() {
        worker.nudge();
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        if (properties.enabled()) {
            worker.start();
        }
    }

    private void claimAndStart() {
        int free = permits.availablePermits();
        if (free == 0) {
            return;
        }
        var lease = properties.runTimeout().plus(actionsProperties.lease());
        List<ClaimedAction> claimed = database.write(c -> queue.claim(c, ActionQueue.Scope.REMEDIATION, free, lease));
        for (ClaimedAction a : claimed) {
            permits.acquireUninterruptibly();
            runs.submit(() -> {
                try {
                    handle(a);
                } catch (RuntimeException e) {
                    LOG.error("remediation action {} for drift {} failed: {}", a.id(), a.driftId(), e.getMessage(), e);
                } finally {
                    permits.release();
                    nudge();
                }
            });
        }
    }

    private void handle(ClaimedAction a) {
        RemediationOrder order = RemediationOrder.fromJson(a.payload());
        try (LogContext log = LogContext.drift(order.ci(), a.driftId())) {
            if (a.kind() == ActionKind.VERIFY) {
                database.write(c -> verify(c, a, order));
                count(a, ActionOutcome.DELIVERED);
            } else {
                remediate(a, order);
            }
        }
        dispatcher.nudge();
    }

    private void remediate(ClaimedAction a, RemediationOrder order) {
        Optional<RemediationExecutor> executor = executors.stream().filter(e -> e.handles(order.remediation()))
                .findFirst();
        if (executor.isEmpty()) {
            database.write(c -> cannotRun(c, a, order, "no " + order.target() + " executor is configured"));
            return;
        }
        CiKey ci = CiKey.of(order.ci());
        Start start = database.write(c -> begin(c, a, order, ci));
        switch (start) {
            case Start.Skip skip -> database.write(c -> {
                queue.cancel(c, a.id(), skip.reason());
                count(a, ActionOutcome.SKIPPED);
                return null;
            });
            case Start.Busy busy -> database.write(c -> {
                queue.retryAt(c, a.id(), "another run on " + ci + " is in progress",
                        Instant.now().plus(properties.hostBackoff()));
                count(a, ActionOutcome.RETRY);
                return null;
            });
            case Start.Proceed proceed -> runAndFinish(a, order, ci, executor.get(), proceed.drift());
        }
    }

    private Start begin(Connection c, ClaimedAction a, RemediationOrder order, CiKey ci) throws SQLException {
        CiLocks.lock(c, List.of(ci));
        Optional<ActiveDrift> found = drifts.find(c, a.driftId());
        if (found.isEmpty() || !found.get().status().active()) {
            return new Start.Skip("drift is resolved");
        }
        ActiveDrift d = found.get();
        if (d.status().suppressed()) {
            return new Start.Skip("drift is " + d.status().wireName());
        }
        Instant until = Instant.now().plus(properties.runTimeout()).plus(properties.guardGrace());
        if (!hostGuards.acquire(c, ci, until)) {
            return new Start.Busy();
        }
        if (!order.dryRun() && d.status() != DriftStatus.REMEDIATING) {
            drifts.change(c, d, DriftStatus.REMEDIATING, order.requestedBy(), JsonNodeFactory.instance.objectNode()
                    .put("attempt", order.attempt()).put("target", order.target()).put("check_mode", order.checkMode()));
        }
        if (!order.checkMode()) {
            drifts.countRemediation(c, d.id());
        }
        return new Start.Proceed(d);
    }

    private void runAndFinish(ClaimedAction a, RemediationOrder order, CiKey ci, RemediationExecutor executor,
                              ActiveDrift drift) {
        RemediationJob job = new RemediationJob(drift.id(), a.idempotencyKey(), ci.value(), ci.value(), order.field(),
                order.desired(), order.actual(), order.remediation(), order.checkMode(), properties.runTimeout());
        LOG.info("remediation of drift {} on {} starts: {} (attempt {}, check mode {})", drift.id(), ci,
                executor.name(), order.attempt(), order.checkMode());
        RunResult result;
        try {
            result = guards.call(executor.name(), () -> executor.run(job));
        } catch (RuntimeException e) {
            database.write(c -> {
                hostGuards.release(c, ci, Instant.now().plus(properties.guardGrace()));
                if (DriftException.isRetryable(e) && a.attempts() < actionsProperties.maxAttempts()) {
                    queue.retryAt(c, a.id(), e.getMessage(), guards.nextAttemptAt(a.attempts(), e));
                    count(a, ActionOutcome.RETRY);
                    return null;
                }
                return cannotRun(c, a, order, e.getMessage());
            });
            return;
        }
        LOG.info("remediation of drift {} on {} ended: {}", drift.id(), ci, result.status());
        database.write(c -> finish(c, a, order, ci, executor.name(), result));
        count(a, result.succeeded() ? ActionOutcome.DELIVERED : ActionOutcome.FAILED);
    }

    private void count(ClaimedAction a, ActionOutcome outcome) {
        metrics.action(a.kind().wireName(), a.target(), outcome);
    }

    private Void finish(Connection c, ClaimedAction a, RemediationOrder order, CiKey ci, String executor,
                        RunResult result) throws SQLException {
        CiLocks.lock(c, List.of(ci));
        hostGuards.release(c, ci, Instant.now().plus(properties.guardGrace()));
        queue.delivered(c, a.id(), resultJson(order, result));
        Optional<ActiveDrift> found = drifts.find(c, a.driftId());
        if (found.isEmpty()) {
            return null;
        }
        ActiveDrift current = found.get();
        drifts.note(c, current, executor, noteOf(order, result));
        if (order.dryRun() || !current.status().active() || current.status().suppressed()) {
            return null;
        }
        if (!result.succeeded()) {
            retryOrEscalate(c, current, order, (order.checkMode() ? "check-mode run " : "run ") + result.status());
        } else if (order.checkMode()) {
            enqueueRemediation(c, current, order.applyStage(), "remediate-" + order.attempt() + "-apply",
                    Instant.now());
        } else {
            queue.enqueue(c, List.of(NewAction.due(current.id(), ActionKind.VERIFY, "remediation",
                    "verify-" + order.attempt(), order.toJson(), Instant.now().plus(properties.verifyTimeout()))));
            requests.request(c, List.of(ci));
        }
        return null;
    }

    private Void verify(Connection c, ClaimedAction a, RemediationOrder order) throws SQLException {
        CiLocks.lock(c, List.of(CiKey.of(order.ci())));
        Optional<ActiveDrift> found = drifts.find(c, a.driftId());
        String outcome = found.map(d -> d.status().wireName()).orElse("gone");
        queue.delivered(c, a.id(), JsonNodeFactory.instance.objectNode().put("drift_status", outcome));
        if (found.isPresent() && found.get().status() == DriftStatus.REMEDIATING) {
            retryOrEscalate(c, found.get(), order, "still drifted " + properties.verifyTimeout()
                    + " after a successful run");
        }
        return null;
    }

    private Void cannotRun(Connection c, ClaimedAction a, RemediationOrder order, String reason) throws SQLException {
        queue.failed(c, a.id(), reason);
        count(a, ActionOutcome.FAILED);
        if (order.dryRun()) {
            return null;
        }
        CiLocks.lock(c, List.of(CiKey.of(order.ci())));
        Optional<ActiveDrift> found = drifts.find(c, a.driftId());
        if (found.isPresent() && found.get().status().active() && !found.get().status().suppressed()) {
            escalate(c, found.get(), "remediation could not run: " + reason);
        }
        return null;
    }

    private void retryOrEscalate(Connection c, ActiveDrift d, RemediationOrder order, String reason)
            throws SQLException {
        if (order.attempt() < properties.maxAttempts()) {
            RemediationOrder next = order.nextAttempt();
            enqueueRemediation(c, d, next, "remediate-" + next.attempt(), Instant.now().plus(properties.hostBackoff()));
            LOG.warn("remediation of drift {} attempt {} did not fix it ({}); attempt {} follows", d.id(),
                    order.attempt(), reason, next.attempt());
        } else {
            escalate(c, d, reason + " after " + order.attempt() + " attempt(s)");
        }
    }

    private void enqueueRemediation(Connection c, ActiveDrift d, RemediationOrder order, String transition,
                                    Instant due) throws SQLException {
        queue.enqueue(c, List.of(NewAction.due(d.id(), ActionKind.REMEDIATE, order.target(), transition,
                order.toJson(), due)));
    }

    private void escalate(Connection c, ActiveDrift d, String reason) throws SQLException {
        if (d.status() == DriftStatus.ESCALATED) {
            return;
        }
        LOG.warn("drift {} on {} escalated: {}", d.id(), d.ci(), reason);
        Transition t = drifts.change(c, d, DriftStatus.ESCALATED, "remediation",
                JsonNodeFactory.instance.objectNode().put("reason", reason));
        planner.plan(c, List.of(t), policies.current());
    }

    private static ObjectNode resultJson(RemediationOrder order, RunResult result) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("succeeded", result.succeeded());
        o.put("status", result.status());
        o.put("check_mode", order.checkMode());
        o.put("dry_run", order.dryRun());
        o.put("attempt", order.attempt());
        result.externalId().ifPresent(id -> o.put("external_id", id));
        o.put("output", result.output());
        return o;
    }

    private static ObjectNode noteOf(RemediationOrder order, RunResult result) {
        ObjectNode o = resultJson(order, result);
        String output = result.output();
        o.put("output", output.length() <= MAX_NOTE_OUTPUT ? output : output.substring(output.length() - MAX_NOTE_OUTPUT));
        return o;
    }

    @PreDestroy
    void stop() throws InterruptedException {
        worker.stop();
        runs.shutdownNow();
    }
}

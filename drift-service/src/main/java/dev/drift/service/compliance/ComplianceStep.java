package dev.drift.service.compliance;

import dev.drift.service.actions.ActionPlanner;
import dev.drift.service.actual.ActualStateRepository;
import dev.drift.service.desired.DesiredLookup;
import dev.drift.service.ledger.ActiveDrift;
import dev.drift.service.ledger.DriftLedger;
import dev.drift.service.ledger.LedgerChange;
import dev.drift.service.model.ActualState;
import dev.drift.service.model.CiKey;
import dev.drift.service.model.DesiredState;
import dev.drift.service.model.FieldPath;
import dev.drift.service.policy.Policy;
import dev.drift.service.policy.PolicyStore;
import dev.drift.service.reconcile.SweepStep;
import dev.drift.service.suppress.SuppressionStore;
import dev.drift.service.suppress.Suppressions;
import dev.drift.service.system.DriftMetrics;
import dev.drift.service.system.LogContext;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sweep's compliance check: every enabled, managed machine of the batch against each pack its
 * desired state assigns, separately, on the latest actual state. Stores each check
 * ({@link ComplianceStore}) and lets {@link CompliancePlanner} open, update and resolve
 * {@code config_drift} and {@code agent_silent} drift, whose actions are planned on the same
 * transaction.
 *
 * <p>Failure isolation: a check that throws (bad data) is logged, counted
 * ({@code drift.compliance.checks{failed=true}}) and stored as unknown with the reason, and the
 * rest of the batch goes on; the machine's alerts stay as they were. Database failures roll the
 * batch back for the sweep to retry machine by machine (see {@link SweepStep}).
 */
@Singleton
final class ComplianceStep implements SweepStep {
    private static final Logger LOG = LoggerFactory.getLogger(ComplianceStep.class);
    private static final String ACTOR = "compliance-sweep";

    private final PackLoader packs;
    private final PackEvaluator evaluator;
    private final ComplianceProperties properties;
    private final CompliancePlanner planner;
    private final ComplianceStore store;
    private final ActualStateRepository actualState;
    private final DriftLedger ledger;
    private final PolicyStore policyStore;
    private final SuppressionStore suppressions;
    private final ActionPlanner actions;
    private final DriftMetrics metrics;

    ComplianceStep(PackLoader packs, PackEvaluator evaluator, ComplianceProperties properties,
                   CompliancePlanner planner, ComplianceStore store, ActualStateRepository actualState,
                   DriftLedger ledger, PolicyStore policyStore, SuppressionStore suppressions, ActionPlanner actions,
                   DriftMetrics metrics) {
        this.packs = packs;
        this.evaluator = evaluator;
        this.properties = properties;
        this.planner = planner;
        this.store = store;
        this.actualState = actualState;
        this.ledger = ledger;
        this.policyStore = policyStore;
        this.suppressions = suppressions;
        this.actions = actions;
        this.metrics = metrics;
    }

    /** What the step reads once per batch. */
    private record Batch(PackCatalog catalog, Map<CiKey, ActualState> actual, Map<CiKey, Map<String, PackState>> previous,
                         Map<CiKey, Map<FieldPath, ActiveDrift>> active, List<Policy> policies,
                         Suppressions suppressions, Instant now, Optional<UUID> jobId) {
    }

    @Override
    public int run(Connection c, Map<CiKey, DesiredLookup> lookups, Optional<UUID> jobId) throws SQLException {
        Map<CiKey, DesiredState> managed = managed(lookups);
        if (managed.isEmpty()) {
            return 0;
        }
        List<CiKey> cis = List.copyOf(managed.keySet());
        // PostgreSQL keeps microseconds: the time published must be the time stored.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Batch batch = new Batch(packs.catalog(), actualState.load(c, cis), store.states(c, cis), sweepOwned(c, cis),
                policyStore.current(), suppressions.load(c, cis, now), now, jobId);
        List<PackCheck> checks = new ArrayList<>();
        List<LedgerChange> changes = new ArrayList<>();
        for (DesiredState desired : managed.values()) {
            try (LogContext log = LogContext.ci(desired.ci().value())) {
                checkMachine(desired, batch, checks, changes);
            }
        }
        store.record(c, checks);
        actions.plan(c, ledger.apply(c, changes, now, ACTOR), batch.policies());
        return changes.size();
    }

    private void checkMachine(DesiredState desired, Batch batch, List<PackCheck> checks, List<LedgerChange> changes) {
        Map<FieldPath, ActiveDrift> active = batch.active().getOrDefault(desired.ci(), Map.of());
        if (desired.packs().isEmpty() && active.isEmpty()) {
            return;
        }
        ActualState actual = batch.actual().getOrDefault(desired.ci(), ActualState.empty(desired.ci()));
        List<PackCheck> machineChecks;
        Optional<String> silence;
        try {
            silence = PackEvaluator.staleness(actual, batch.now(), properties.maxFactAge());
            machineChecks = desired.packs().stream().map(pack -> check(desired.ci(), pack, actual, batch)).toList();
            changes.addAll(planner.plan(new CompliancePlanner.Inputs(desired, machineChecks,
                    batch.previous().getOrDefault(desired.ci(), Map.of()), active, silence, batch.policies(),
                    batch.suppressions(), batch.now())));
        } catch (RuntimeException e) {
            LOG.warn("compliance check of {} failed, recorded as unknown: {}", desired.ci(), e.toString());
            checks.addAll(failed(desired, batch, e));
            return;
        }
        silence.ifPresent(why -> LOG.info("compliance of {} unknown, agent silent: {}", desired.ci(), why));
        machineChecks.forEach(check -> metrics.complianceChecked(check.stored().wireName(), false));
        checks.addAll(machineChecks);
    }

    private PackCheck check(CiKey ci, String packName, ActualState actual, Batch batch) {
        Optional<Pack> pack = batch.catalog().pack(packName);
        if (pack.isEmpty()) {
            return new PackCheck(ci, packName, PackCheck.NOT_LOADED, new PackVerdict.Unknown("pack " + packName
                    + " is not loaded (see GET /drift/packs)"), Duration.ZERO, batch.now(), batch.jobId());
        }
        long started = System.nanoTime();
        PackVerdict verdict = evaluator.evaluate(pack.get(), actual, batch.now(), properties.maxFactAge());
        return new PackCheck(ci, packName, pack.get().version(), verdict,
                Duration.ofNanos(System.nanoTime() - started), batch.now(), batch.jobId());
    }

    private List<PackCheck> failed(DesiredState desired, Batch batch, RuntimeException e) {
        String reason = "check failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        return desired.packs().stream().map(pack -> {
            metrics.complianceChecked(Verdict.UNKNOWN.wireName(), true);
            return new PackCheck(desired.ci(), pack, batch.catalog().pack(pack).map(Pack::version)
                    .orElse(PackCheck.NOT_LOADED), new PackVerdict.Unknown(reason), Duration.ZERO, batch.now(),
                    batch.jobId());
        }).toList();
    }

    private Map<CiKey, Map<FieldPath, ActiveDrift>> sweepOwned(Connection c, List<CiKey> cis) throws SQLException {
        Map<CiKey, Map<FieldPath, ActiveDrift>> owned = new LinkedHashMap<>();
        ledger.active(c, cis).forEach((ci, drifts) -> {
            Map<FieldPath, ActiveDrift> mine = drifts.entrySet().stream()
                    .filter(e -> e.getKey().category().judgedBySweep())
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            if (!mine.isEmpty()) {
                owned.put(ci, mine);
            }
        });
        return owned;
    }

    private static Map<CiKey, DesiredState> managed(Map<CiKey, DesiredLookup> lookups) {
        Map<CiKey, DesiredState> managed = new LinkedHashMap<>();
        lookups.forEach((ci, lookup) -> {
            if (lookup instanceof DesiredLookup.Managed m) {
                managed.put(ci, m.state());
            }
        });
        return managed;
    }
}

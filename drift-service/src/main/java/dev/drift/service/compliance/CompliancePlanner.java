package dev.drift.service.compliance;

import dev.drift.service.ledger.ActiveDrift;
import dev.drift.service.ledger.DriftStatus;
import dev.drift.service.ledger.LedgerChange;
import dev.drift.service.ledger.ResolvedBy;
import dev.drift.service.model.DesiredState;
import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldValue;
import dev.drift.service.model.Provenance;
import dev.drift.service.policy.Policy;
import dev.drift.service.policy.PolicyResolver;
import dev.drift.service.policy.PolicySubject;
import dev.drift.service.suppress.Suppression;
import dev.drift.service.suppress.Suppressions;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, without I/O, what one machine's compliance checks do to the ledger. The rules:
 * <ul>
 *   <li>Non-compliant now and compliant on the previous judged check of the pack: open one
 *       {@code config_drift} on {@code compliance[<pack>].mismatches} (desired 0, actual the mismatch
 *       count), with the severity of the most specific policy (the shipped {@code config-drift}
 *       policy says warning). No settle time: a verdict is already a steady state.</li>
 *   <li>The first check ever of a machine and pack, or a machine non-compliant since its first
 *       judged check, opens nothing.</li>
 *   <li>An open alert is updated when the count changes, never opened twice.</li>
 *   <li>Compliant again: the alert resolves ({@code auto}), which sends the resolution message.</li>
 *   <li>Unknown (stale facts, unchecked items, a failed check) changes no alert.</li>
 *   <li>Stale facts ({@code silence} given) open one {@code agent_silent} drift on
 *       {@code agent.reporting}; fresh facts resolve it.</li>
 *   <li>An alert of a pack no longer assigned, and agent silence of a machine without packs,
 *       resolve as {@code desired_changed}.</li>
 * </ul>
 * Exceptions and change windows cover these fields like any other: a covered alert is recorded as
 * {@code excepted}/{@code expected}.
 */
@Singleton
final class CompliancePlanner {
    private static final FieldValue NONE = number(0);
    private static final FieldValue REPORTING = new FieldValue.Text("reporting");

    private final PolicyResolver policies;

    CompliancePlanner(PolicyResolver policies) {
        this.policies = policies;
    }

    /**
     * What the planner decides on for one machine.
     *
     * @param checks   this sweep's check of each pack assigned to the machine
     * @param previous the stored state per pack before these checks
     * @param active   the machine's active drift on fields the sweep owns
     * @param silence  why the machine's facts are stale; empty when they are fresh
     */
    record Inputs(DesiredState desired, List<PackCheck> checks, Map<String, PackState> previous,
                  Map<FieldPath, ActiveDrift> active, Optional<String> silence, List<Policy> policies,
                  Suppressions suppressions, Instant now) {
    }

    List<LedgerChange> plan(Inputs in) {
        Map<FieldPath, ActiveDrift> unmatched = new HashMap<>(in.active());
        List<LedgerChange> changes = new ArrayList<>();
        for (PackCheck check : in.checks()) {
            FieldPath field = ComplianceFields.mismatches(check.pack());
            ActiveDrift alert = unmatched.remove(field);
            PackState before = in.previous().get(check.pack());
            planPack(in, check, field, alert, before != null && before.wasCompliant(), changes);
        }
        ActiveDrift silent = unmatched.remove(ComplianceFields.AGENT_REPORTING);
        planSilence(in, silent).ifPresent(changes::add);
        unmatched.values().forEach(gone -> changes.add(new LedgerChange.Resolve(gone, ResolvedBy.DESIRED_CHANGED)));
        return changes;
    }

    private void planPack(Inputs in, PackCheck check, FieldPath field, ActiveDrift alert, boolean wasCompliant,
                          List<LedgerChange> changes) {
        switch (check.verdict()) {
            case PackVerdict.Compliant c -> {
                if (alert != null) {
                    changes.add(new LedgerChange.Resolve(alert, ResolvedBy.AUTO, NONE, ComplianceFields.SOURCE));
                }
            }
            case PackVerdict.Unknown u -> { }
            case PackVerdict.NonCompliant n -> {
                FieldValue count = number(n.mismatches().size());
                Provenance provenance = new Provenance("compliance", "pack", check.pack(), check.packVersion());
                if (alert == null) {
                    if (wasCompliant) {
                        changes.add(open(in, field, NONE, provenance, count));
                    }
                    return;
                }
                Suppression.reclassification(alert, cover(in, field, count)).ifPresent(changes::add);
                if (!alert.actual().equals(count)) {
                    changes.add(new LedgerChange.Refresh(alert, NONE, provenance, count, ComplianceFields.SOURCE,
                            in.now()));
                }
            }
        }
    }

    private Optional<LedgerChange> planSilence(Inputs in, ActiveDrift silent) {
        if (in.checks().isEmpty()) {
            return Optional.ofNullable(silent).map(s -> new LedgerChange.Resolve(s, ResolvedBy.DESIRED_CHANGED));
        }
        if (in.silence().isEmpty()) {
            return Optional.ofNullable(silent).map(s ->
                    new LedgerChange.Resolve(s, ResolvedBy.AUTO, REPORTING, ComplianceFields.SOURCE));
        }
        if (silent != null) {
            return Optional.empty();
        }
        Provenance provenance = new Provenance("compliance", "agent", in.desired().ci().value(), "max-fact-age");
        return Optional.of(open(in, ComplianceFields.AGENT_REPORTING, REPORTING, provenance,
                new FieldValue.Text("silent: " + in.silence().get())));
    }

    private LedgerChange.Open open(Inputs in, FieldPath field, FieldValue desired, Provenance provenance,
                                   FieldValue actual) {
        DesiredState state = in.desired();
        Policy policy = policies.resolve(new PolicySubject(state.ciType(), state.tags(), field), in.policies());
        Optional<Suppression> cover = cover(in, field, actual);
        return new LedgerChange.Open(state.ci(), state.ciType(), field, policy.severity(), desired, provenance, actual,
                ComplianceFields.SOURCE, in.now(), cover.map(Suppression::status).orElse(DriftStatus.OPEN),
                cover.map(Suppression::ref), Optional.of(policy.id()));
    }

    private static Optional<Suppression> cover(Inputs in, FieldPath field, FieldValue actual) {
        return in.suppressions().find(in.desired().ci(), field, actual, in.now());
    }

    private static FieldValue number(int value) {
        return new FieldValue.Number(BigDecimal.valueOf(value));
    }
}

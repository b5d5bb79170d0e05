package dev.drift.service.reconcile;

import dev.drift.service.desired.DesiredLookup;
import dev.drift.service.diff.Differ;
import dev.drift.service.diff.FieldDiff;
import dev.drift.service.ledger.ActiveDrift;
import dev.drift.service.ledger.DriftStatus;
import dev.drift.service.ledger.LedgerChange;
import dev.drift.service.ledger.ResolvedBy;
import dev.drift.service.model.ActualReading;
import dev.drift.service.model.ActualState;
import dev.drift.service.model.CiKey;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, without I/O, what the ledger must do for one CI given its desired state, its actual
 * state and its active drift events. Running it twice on the same inputs after applying the first
 * result yields no change: that is what makes reconciliation safe to repeat.
 */
@Singleton
final class ReconcilePlanner {
    /** The field that carries "this CI sends events but the desired-state source does not know it". */
    static final FieldPath UNMANAGED_FIELD = FieldPath.parse("ci.registered");
    /** The CI type of a CI the desired-state source does not know. */
    static final String UNMANAGED_TYPE = "unknown";

    private final Differ differ;
    private final PolicyResolver policies;

    ReconcilePlanner(Differ differ, PolicyResolver policies) {
        this.differ = differ;
        this.policies = policies;
    }

    /**
     * What a CI's reconcile decides on: everything is read before, nothing is written during.
     *
     * @param suppressions exceptions and change windows that may cover the CI's drift
     * @param guardUntil   the loop guard: drift is remediating the CI, and new drift is held back
     *                     (as if settling) until then; empty when no run is near
     */
    record Inputs(CiKey ci, DesiredLookup lookup, ActualState actual, Map<FieldPath, ActiveDrift> active,
                  String sourceName, List<Policy> policies, Map<FieldPath, Instant> settling, Instant now,
                  Suppressions suppressions, Optional<Instant> guardUntil) {
    }

    List<LedgerChange> plan(Inputs in) {
        return switch (in.lookup()) {
            case DesiredLookup.Managed m -> planManaged(m.state(), in);
            case DesiredLookup.Unmanaged u -> planUnmanaged(in);
            case DesiredLookup.Disabled d -> resolveAll(in.active().values(), ResolvedBy.DETECTION_DISABLED);
        };
    }

    private List<LedgerChange> planManaged(DesiredState desired, Inputs in) {
        ActualState actual = in.actual();
        Map<FieldPath, ActiveDrift> active = in.active();
        Map<FieldPath, ActiveDrift> unmatched = new HashMap<>(active);
        List<LedgerChange> changes = new ArrayList<>();
        for (FieldDiff diff : differ.diff(desired, actual).fields()) {
            ActiveDrift existing = unmatched.remove(diff.path());
            switch (diff) {
                case FieldDiff.Drifted d -> {
                    Optional<Suppression> cover = in.suppressions().find(in.ci(), d.path(), d.actual().value(),
                            in.now());
                    if (existing == null) {
                        openOrSettle(desired, d, cover, in).ifPresent(changes::add);
                    } else {
                        Suppression.reclassification(existing, cover).ifPresent(changes::add);
                        if (changed(existing, d)) {
                            changes.add(new LedgerChange.Refresh(existing, d.desired().value(),
                                    d.desired().provenance(), d.actual().value(), d.actual().source(),
                                    d.actual().observedAt()));
                        }
                    }
                }
                case FieldDiff.InSync s -> {
                    forgetSettling(in, s.path(), changes);
                    if (existing != null) {
                        changes.add(new LedgerChange.Resolve(existing, resolvedBy(existing, s), s.actual().value(),
                                s.actual().source()));
                    }
                }
                case FieldDiff.Ignored i -> {
                    forgetSettling(in, i.path(), changes);
                    if (existing != null) {
                        changes.add(new LedgerChange.Resolve(existing, ResolvedBy.DESIRED_CHANGED));
                    }
                }
                case FieldDiff.Unknown u -> {
                    // No verdict: an open drift stays open, nothing new is opened.
                }
            }
        }
        for (ActiveDrift noLongerMonitored : unmatched.values()) {
            if (!noLongerMonitored.field().category().judgedBySweep()) {
                changes.add(resolveNoLongerMonitored(actual, noLongerMonitored));
            }
        }
        in.settling().keySet().stream().filter(path -> !desired.fields().containsKey(path))
                .forEach(path -> changes.add(new LedgerChange.Settled(in.ci(), path)));
        return changes;
    }

    /**
     * Opens the drift once it has differed for its policy's settle time, and once the loop guard of a
     * remediation run on the CI has passed; until then remembers since when it differs and asks for a
     * recheck when the time is up. Drift an exception or change window covers is recorded at once.
     */
    private Optional<LedgerChange> openOrSettle(DesiredState desired, FieldDiff.Drifted d,
                                                Optional<Suppression> cover, Inputs in) {
        Policy policy = policies.resolve(new PolicySubject(desired.ciType(), desired.tags(), d.path()), in.policies());
        if (cover.isPresent()) {
            return Optional.of(open(desired, d, policy, cover));
        }
        Instant since = in.settling().get(d.path());
        Instant start = since == null ? in.now() : since;
        Instant due = start.plus(policy.settle());
        boolean guarded = in.guardUntil().filter(due::isBefore).isPresent();
        if (guarded) {
            due = in.guardUntil().get();
        }
        if (!in.now().isBefore(due)) {
            return Optional.of(open(desired, d, policy, Optional.empty()));
        }
        if (since == null || guarded) {
            return Optional.of(new LedgerChange.Settling(in.ci(), d.path(), start, due));
        }
        return Optional.empty();
    }

    private static void forgetSettling(Inputs in, FieldPath path, List<LedgerChange> changes) {
        if (in.settling().containsKey(path)) {
            changes.add(new LedgerChange.Settled(in.ci(), path));
        }
    }

    /** The most specific matching policy for a CI the source does not know (so without tags). */
    private Policy policy(String ciType, FieldPath field, List<Policy> candidates) {
        return policies.resolve(new PolicySubject(ciType, Set.of(), field), candidates);
    }

    private static LedgerChange.Open open(DesiredState desired, FieldDiff.Drifted d, Policy policy,
                                          Optional<Suppression> cover) {
        return new LedgerChange.Open(desired.ci(), desired.ciType(), d.path(), policy.severity(),
                d.desired().value(), d.desired().provenance(), d.actual().value(), d.actual().source(),
                d.actual().observedAt(), cover.map(Suppression::status).orElse(DriftStatus.OPEN),
                cover.map(Suppression::ref), Optional.of(policy.id()));
    }

    private static boolean changed(ActiveDrift existing, FieldDiff.Drifted d) {
        return !existing.desired().equals(d.desired().value())
                || !existing.actual().equals(d.actual().value())
                || !existing.actualSource().equals(d.actual().source());
    }

    /**
     * Intent moved to meet an unchanged observation: {@code desired_changed}; the machine came back
     * while drift was remediating it: {@code remediation}; otherwise it came back by itself.
     */
    private static ResolvedBy resolvedBy(ActiveDrift existing, FieldDiff.InSync s) {
        boolean sameObservation = existing.actualSource().equals(s.actual().source());
        boolean desiredMoved = !existing.desired().equals(s.desired().value());
        if (sameObservation && desiredMoved) {
            return ResolvedBy.DESIRED_CHANGED;
        }
        return existing.status() == DriftStatus.REMEDIATING ? ResolvedBy.REMEDIATION : ResolvedBy.AUTO;
    }

    private List<LedgerChange> planUnmanaged(Inputs in) {
        CiKey ci = in.ci();
        ActualState actual = in.actual();
        Map<FieldPath, ActiveDrift> active = in.active();
        List<LedgerChange> changes = new ArrayList<>();
        for (ActiveDrift d : active.values()) {
            if (!d.field().equals(UNMANAGED_FIELD)) {
                changes.add(new LedgerChange.Resolve(d, ResolvedBy.DESIRED_CHANGED));
            }
        }
        if (!active.containsKey(UNMANAGED_FIELD)) {
            ActualState.ActualRow latest = latestRow(actual);
            String source = latest == null ? "reconciler" : latest.source();
            Instant seen = latest == null ? Instant.now() : latest.observedAt();
            Policy policy = policy(UNMANAGED_TYPE, UNMANAGED_FIELD, in.policies());
            changes.add(new LedgerChange.Open(ci, UNMANAGED_TYPE, UNMANAGED_FIELD, policy.severity(),
                    new FieldValue.Text("true"), new Provenance(in.sourceName(), "inventory", ci.value(), "registration"),
                    new FieldValue.Text("false"), source, seen, DriftStatus.OPEN, Optional.empty(),
                    Optional.of(policy.id())));
        }
        return changes;
    }

    private static List<LedgerChange> resolveAll(Iterable<ActiveDrift> active, ResolvedBy by) {
        List<LedgerChange> changes = new ArrayList<>();
        active.forEach(d -> changes.add(new LedgerChange.Resolve(d, by)));
        return changes;
    }

    private static LedgerChange.Resolve resolveNoLongerMonitored(ActualState actual, ActiveDrift drift) {
        return actual.reading(drift.field()) instanceof ActualReading.Known k
                ? new LedgerChange.Resolve(drift, ResolvedBy.DESIRED_CHANGED, k.value(), k.source())
                : new LedgerChange.Resolve(drift, ResolvedBy.DESIRED_CHANGED);
    }

    private static ActualState.ActualRow latestRow(ActualState actual) {
        ActualState.ActualRow latest = null;
        for (ActualState.ActualRow row : actual.rows().values()) {
            if (latest == null || row.observedAt().isAfter(latest.observedAt())) {
                latest = row;
            }
        }
        return latest;
    }
}

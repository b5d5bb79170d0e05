package dev.drift.service.reconcile;

import dev.drift.service.desired.DesiredLookup;
import dev.drift.service.diff.Differ;
import dev.drift.service.diff.FieldDiff;
import dev.drift.service.ledger.ActiveDrift;
import dev.drift.service.ledger.LedgerChange;
import dev.drift.service.ledger.ResolvedBy;
import dev.drift.service.ledger.Severity;
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
import jakarta.inject.Singleton;
import java.time.Duration;
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

    /** What a CI's reconcile decides on: everything is read before, nothing is written during. */
    record Inputs(CiKey ci, DesiredLookup lookup, ActualState actual, Map<FieldPath, ActiveDrift> active,
                  String sourceName, List<Policy> policies, Map<FieldPath, Instant> settling, Instant now) {
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
                    if (existing == null) {
                        openOrSettle(desired, d, in).ifPresent(changes::add);
                    } else if (changed(existing, d)) {
                        changes.add(new LedgerChange.Refresh(existing, d.desired().value(), d.desired().provenance(),
                                d.actual().value(), d.actual().source(), d.actual().observedAt()));
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
            changes.add(resolveNoLongerMonitored(actual, noLongerMonitored));
        }
        in.settling().keySet().stream().filter(path -> !desired.fields().containsKey(path))
                .forEach(path -> changes.add(new LedgerChange.Settled(in.ci(), path)));
        return changes;
    }

    /**
     * Opens the drift once it has differed for its policy's settle time; until then remembers since
     * when it differs and asks for a recheck when the time is up.
     */
    private Optional<LedgerChange> openOrSettle(DesiredState desired, FieldDiff.Drifted d, Inputs in) {
        Policy policy = policies.resolve(new PolicySubject(desired.ciType(), Set.of(), d.path()), in.policies());
        Duration settle = policy.settle();
        Instant since = in.settling().get(d.path());
        if (settle.isZero() || since != null && !in.now().isBefore(since.plus(settle))) {
            return Optional.of(open(desired, d, policy.severity()));
        }
        if (since == null) {
            return Optional.of(new LedgerChange.Settling(in.ci(), d.path(), in.now(), in.now().plus(settle)));
        }
        return Optional.empty();
    }

    private static void forgetSettling(Inputs in, FieldPath path, List<LedgerChange> changes) {
        if (in.settling().containsKey(path)) {
            changes.add(new LedgerChange.Settled(in.ci(), path));
        }
    }

    /** The severity the most specific matching policy gives (CI tags are not known to drift yet). */
    private Severity severity(String ciType, FieldPath field, List<Policy> candidates) {
        return policies.resolve(new PolicySubject(ciType, Set.of(), field), candidates).severity();
    }

    private static LedgerChange.Open open(DesiredState desired, FieldDiff.Drifted d, Severity severity) {
        return new LedgerChange.Open(desired.ci(), desired.ciType(), d.path(), severity,
                d.desired().value(), d.desired().provenance(), d.actual().value(), d.actual().source(),
                d.actual().observedAt());
    }

    private static boolean changed(ActiveDrift existing, FieldDiff.Drifted d) {
        return !existing.desired().equals(d.desired().value())
                || !existing.actual().equals(d.actual().value())
                || !existing.actualSource().equals(d.actual().source());
    }

    /** Intent moved to meet an unchanged observation: {@code desired_changed}; otherwise the machine came back. */
    private static ResolvedBy resolvedBy(ActiveDrift existing, FieldDiff.InSync s) {
        boolean sameObservation = existing.actualSource().equals(s.actual().source());
        boolean desiredMoved = !existing.desired().equals(s.desired().value());
        return sameObservation && desiredMoved ? ResolvedBy.DESIRED_CHANGED : ResolvedBy.AUTO;
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
            changes.add(new LedgerChange.Open(ci, UNMANAGED_TYPE, UNMANAGED_FIELD,
                    severity(UNMANAGED_TYPE, UNMANAGED_FIELD, in.policies()), new FieldValue.Text("true"),
                    new Provenance(in.sourceName(), "inventory", ci.value(), "registration"),
                    new FieldValue.Text("false"), source, seen));
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

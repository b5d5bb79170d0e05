package dev.drift.service.reconcile;

import dev.drift.service.desired.DesiredLookup;
import dev.drift.service.diff.Differ;
import dev.drift.service.diff.FieldDiff;
import dev.drift.service.ledger.ActiveDrift;
import dev.drift.service.ledger.LedgerChange;
import dev.drift.service.ledger.ResolvedBy;
import dev.drift.service.ledger.Severity;
import dev.drift.service.ledger.SeverityProperties;
import dev.drift.service.model.ActualReading;
import dev.drift.service.model.ActualState;
import dev.drift.service.model.Category;
import dev.drift.service.model.CiKey;
import dev.drift.service.model.DesiredState;
import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldValue;
import dev.drift.service.model.Provenance;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides, without I/O, what the ledger must do for one CI given its desired state, its actual
 * state and its active drift events. Running it twice on the same inputs after applying the first
 * result yields no change: that is what makes reconciliation safe to repeat.
 */
@Singleton
final class ReconcilePlanner {
    /** The field that carries "this CI sends events but the desired-state source does not know it". */
    static final FieldPath UNMANAGED_FIELD = FieldPath.parse("ci.registered");

    private final Differ differ;
    private final Map<Category, Severity> severities;

    ReconcilePlanner(Differ differ, SeverityProperties severity) {
        this.differ = differ;
        this.severities = severity.table();
    }

    List<LedgerChange> plan(CiKey ci, DesiredLookup lookup, ActualState actual, Map<FieldPath, ActiveDrift> active,
                            String sourceName) {
        return switch (lookup) {
            case DesiredLookup.Managed m -> planManaged(m.state(), actual, active);
            case DesiredLookup.Unmanaged u -> planUnmanaged(ci, actual, active, sourceName);
            case DesiredLookup.Disabled d -> resolveAll(active.values(), ResolvedBy.DETECTION_DISABLED);
        };
    }

    private List<LedgerChange> planManaged(DesiredState desired, ActualState actual,
                                           Map<FieldPath, ActiveDrift> active) {
        Map<FieldPath, ActiveDrift> unmatched = new HashMap<>(active);
        List<LedgerChange> changes = new ArrayList<>();
        for (FieldDiff diff : differ.diff(desired, actual).fields()) {
            ActiveDrift existing = unmatched.remove(diff.path());
            switch (diff) {
                case FieldDiff.Drifted d -> {
                    if (existing == null) {
                        changes.add(open(desired, d));
                    } else if (changed(existing, d)) {
                        changes.add(new LedgerChange.Refresh(existing, d.desired().value(), d.desired().provenance(),
                                d.actual().value(), d.actual().source(), d.actual().observedAt()));
                    }
                }
                case FieldDiff.InSync s -> {
                    if (existing != null) {
                        changes.add(new LedgerChange.Resolve(existing, resolvedBy(existing, s), s.actual().value(),
                                s.actual().source()));
                    }
                }
                case FieldDiff.Ignored i -> {
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
        return changes;
    }

    private LedgerChange.Open open(DesiredState desired, FieldDiff.Drifted d) {
        return new LedgerChange.Open(desired.ci(), desired.ciType(), d.path(), severities.get(d.path().category()),
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

    private List<LedgerChange> planUnmanaged(CiKey ci, ActualState actual, Map<FieldPath, ActiveDrift> active,
                                             String sourceName) {
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
            changes.add(new LedgerChange.Open(ci, "unknown", UNMANAGED_FIELD,
                    severities.get(UNMANAGED_FIELD.category()), new FieldValue.Text("true"),
                    new Provenance(sourceName, "inventory", ci.value(), "registration"),
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

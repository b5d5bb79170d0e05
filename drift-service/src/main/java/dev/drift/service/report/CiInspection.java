package dev.drift.service.report;

import dev.drift.service.actual.ActualStateRepository;
import dev.drift.service.desired.DesiredLookup;
import dev.drift.service.desired.DesiredStateSource;
import dev.drift.service.diff.Differ;
import dev.drift.service.diff.FieldDiff;
import dev.drift.service.ledger.ActiveDrift;
import dev.drift.service.ledger.DriftLedger;
import dev.drift.service.model.ActualReading;
import dev.drift.service.model.ActualState;
import dev.drift.service.model.CiKey;
import dev.drift.service.model.DesiredField;
import dev.drift.service.model.DesiredState;
import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldValue;
import dev.drift.service.model.Provenance;
import dev.drift.service.system.Database;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Explains one CI: its desired state from the source, its actual state, and the verdict of the same
 * {@link Differ} the reconciler uses on every monitored field. Reads only; decides nothing.
 */
@Singleton
public final class CiInspection {
    private static final List<String> VERDICTS = List.of("in_sync", "drifted", "unknown", "ignored");

    private final DesiredStateSource source;
    private final Differ differ;
    private final Database database;
    private final ActualStateRepository actualState;
    private final DriftLedger ledger;

    CiInspection(DesiredStateSource source, Differ differ, Database database, ActualStateRepository actualState,
                 DriftLedger ledger) {
        this.source = source;
        this.differ = differ;
        this.database = database;
        this.actualState = actualState;
        this.ledger = ledger;
    }

    /** What is observed and stored about a CI. */
    private record Stored(ActualState actual, boolean observed, Map<FieldPath, ActiveDrift> active) {
    }

    /**
     * The CI's report; empty when neither the source knows the CI nor anything was observed about
     * it. Throws {@link DesiredStateUnavailable} when the source cannot answer.
     */
    public Optional<CiReport> inspect(CiKey ci) {
        DesiredLookup lookup = lookup(ci);
        Stored stored = database.read(c -> stored(c, ci));
        return switch (lookup) {
            case DesiredLookup.Managed m -> Optional.of(managed(m.state(), stored));
            case DesiredLookup.Disabled d -> Optional.of(report(ci, null, "disabled", d.reason(), stored, List.of()));
            case DesiredLookup.Unmanaged u -> stored.observed()
                    ? Optional.of(report(ci, null, "unmanaged", null, stored, List.of()))
                    : Optional.empty();
        };
    }

    /**
     * Whether drift knows the CI: the desired-state source knows it (managed or disabled) or something
     * was observed about it. The same test as {@link #inspect}'s, without the diff. Throws
     * {@link DesiredStateUnavailable} when the source cannot answer.
     */
    public boolean known(CiKey ci) {
        return !(lookup(ci) instanceof DesiredLookup.Unmanaged) || database.read(c -> observed(c, ci));
    }

    private DesiredLookup lookup(CiKey ci) {
        try {
            return source.lookup(ci);
        } catch (RuntimeException e) {
            throw new DesiredStateUnavailable("desired state unavailable from " + source.name() + ": "
                    + e.getMessage(), e);
        }
    }

    private Stored stored(Connection c, CiKey ci) throws SQLException {
        return new Stored(actualState.load(c, List.of(ci)).get(ci), observed(c, ci),
                ledger.active(c, List.of(ci)).getOrDefault(ci, Map.of()));
    }

    private static boolean observed(Connection c, CiKey ci) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select exists (select 1 from actual_state where ci_id = ?)
                    or exists (select 1 from actual_coverage where ci_id = ?)""")) {
            ps.setString(1, ci.value());
            ps.setString(2, ci.value());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private CiReport managed(DesiredState desired, Stored stored) {
        List<CiReport.Field> fields = differ.diff(desired, stored.actual()).fields().stream()
                .map(diff -> field(diff, desired.fields().get(diff.path()), stored))
                .toList();
        return report(desired.ci(), desired.ciType(), "managed", null, stored, fields);
    }

    private CiReport report(CiKey ci, String ciType, String desiredState, String disabledReason, Stored stored,
                            List<CiReport.Field> fields) {
        Map<String, Integer> verdicts = new LinkedHashMap<>();
        VERDICTS.forEach(v -> verdicts.put(v, 0));
        fields.forEach(f -> verdicts.merge(f.verdict(), 1, Integer::sum));
        List<CiReport.Drift> active = stored.active().values().stream()
                .sorted(Comparator.comparing(d -> d.field().toString()))
                .map(d -> new CiReport.Drift(d.id(), d.field().toString(), d.status().wireName(),
                        d.severity().wireName()))
                .toList();
        return new CiReport(ci.value(), ciType, desiredState, source.name(), disabledReason, stored.observed(),
                verdicts, fields, active);
    }

    private static CiReport.Field field(FieldDiff diff, DesiredField desired, Stored stored) {
        String verdict = switch (diff) {
            case FieldDiff.InSync s -> "in_sync";
            case FieldDiff.Drifted d -> "drifted";
            case FieldDiff.Unknown u -> "unknown";
            case FieldDiff.Ignored i -> "ignored";
        };
        String reason = switch (diff) {
            case FieldDiff.Unknown u -> u.reason();
            case FieldDiff.Ignored i -> "ignored by rule " + i.rule();
            default -> null;
        };
        ActualReading reading = stored.actual().reading(diff.path());
        ActualReading.Known known = reading instanceof ActualReading.Known k ? k : null;
        ActiveDrift drift = stored.active().get(diff.path());
        return new CiReport.Field(diff.path().toString(), verdict, plain(desired.value()),
                provenance(desired.provenance()), known == null ? null : plain(known.value()),
                known == null ? null : known.source(), known == null ? null : known.observedAt(), reason,
                drift == null ? null : drift.id(), drift == null ? null : drift.status().wireName());
    }

    /** The value as the API's JSON shows it; absent is null. */
    static Object plain(FieldValue value) {
        return switch (value) {
            case FieldValue.Text t -> t.value();
            case FieldValue.Number n -> n.value();
            case FieldValue.Items items -> items.values();
            case FieldValue.Absent a -> null;
        };
    }

    private static Map<String, String> provenance(Provenance p) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("source", p.source());
        map.put("object_type", p.objectType());
        map.put("object_id", p.objectId());
        map.put("attribute", p.attribute());
        return map;
    }
}

package dev.drift.service.diff;

import dev.drift.service.model.CiKey;
import java.util.List;
import java.util.Objects;

/** The per-field verdicts for one CI, in field-path order. */
public record DiffResult(CiKey ci, List<FieldDiff> fields) {
    public DiffResult {
        Objects.requireNonNull(ci, "ci");
        fields = List.copyOf(fields);
    }

    public List<FieldDiff.Drifted> drifted() {
        return fields.stream().filter(FieldDiff.Drifted.class::isInstance).map(FieldDiff.Drifted.class::cast).toList();
    }

    public List<FieldDiff.InSync> inSync() {
        return fields.stream().filter(FieldDiff.InSync.class::isInstance).map(FieldDiff.InSync.class::cast).toList();
    }

    public List<FieldDiff.Unknown> unknown() {
        return fields.stream().filter(FieldDiff.Unknown.class::isInstance).map(FieldDiff.Unknown.class::cast).toList();
    }
}

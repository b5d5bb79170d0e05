package dev.drift.service.compliance;

import dev.drift.service.model.ActualState;
import dev.drift.service.model.CiKey;
import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldValue;
import dev.drift.service.model.Observed;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds the actual state of one CI the way ingest would have stored it. */
final class Facts {
    static final CiKey CI = CiKey.of("web-01");

    private final Map<FieldPath, ActualState.ActualRow> rows = new HashMap<>();
    private final Map<String, ActualState.CoverageRow> coverage = new HashMap<>();
    private final Instant at;

    private Facts(Instant at) {
        this.at = at;
    }

    static Facts observedAt(Instant at) {
        return new Facts(at);
    }

    Facts text(String path, String value) {
        return value(path, new FieldValue.Text(value));
    }

    Facts number(String path, String value) {
        return value(path, new FieldValue.Number(new BigDecimal(value)));
    }

    Facts items(String path, String... values) {
        return value(path, new FieldValue.Items(List.of(values)));
    }

    Facts absent(String path) {
        return value(path, FieldValue.Absent.INSTANCE);
    }

    Facts value(String path, FieldValue value) {
        rows.put(FieldPath.parse(path), new ActualState.ActualRow(new Observed.Value(value), "test", at));
        return this;
    }

    Facts changedWithoutValue(String path) {
        rows.put(FieldPath.parse(path), new ActualState.ActualRow(
                new Observed.Unknown("file reported MODIFY without a content hash"), "test", at));
        return this;
    }

    /** A complete report of everything under {@code prefix}, as a package or service listing makes. */
    Facts covers(String prefix) {
        coverage.put(prefix, new ActualState.CoverageRow("test", at));
        return this;
    }

    ActualState state() {
        return new ActualState(CI, rows, coverage);
    }
}

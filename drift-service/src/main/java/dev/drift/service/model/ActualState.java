package dev.drift.service.model;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A read-only snapshot of everything observed about one CI: the latest reading per field and the
 * latest complete report per coverage prefix. Answers "what is this field now?" including fields
 * never reported individually but known absent because a newer complete report omitted them.
 */
public final class ActualState {
    private final CiKey ci;
    private final Map<FieldPath, ActualRow> rows;
    private final Map<String, CoverageRow> coverage;

    /** A stored reading with the time and source it came from. */
    public record ActualRow(Observed observed, String source, Instant observedAt) {
    }

    /** A stored complete report of a path prefix. */
    public record CoverageRow(String source, Instant observedAt) {
    }

    public ActualState(CiKey ci, Map<FieldPath, ActualRow> rows, Map<String, CoverageRow> coverage) {
        this.ci = Objects.requireNonNull(ci);
        this.rows = Map.copyOf(rows);
        this.coverage = Map.copyOf(coverage);
    }

    public static ActualState empty(CiKey ci) {
        return new ActualState(ci, Map.of(), Map.of());
    }

    public CiKey ci() {
        return ci;
    }

    public Map<FieldPath, ActualRow> rows() {
        return rows;
    }

    /**
     * When the newest reading or complete report of this CI was observed, which tells how fresh the
     * snapshot as a whole is; empty when nothing was ever observed.
     */
    public Optional<Instant> newestObservation() {
        return Stream.concat(rows.values().stream().map(ActualRow::observedAt),
                        coverage.values().stream().map(CoverageRow::observedAt))
                .max(Comparator.naturalOrder());
    }

    /** The current reading of a field; never null. */
    public ActualReading reading(FieldPath path) {
        ActualRow row = rows.get(path);
        CoverageEntry cover = newestCoverage(path);
        if (cover != null && (row == null || cover.row.observedAt().isAfter(row.observedAt()))) {
            return new ActualReading.Known(FieldValue.absent(), cover.row.source(), cover.row.observedAt());
        }
        if (row == null) {
            return new ActualReading.Unknown("never observed");
        }
        return switch (row.observed()) {
            case Observed.Value v -> new ActualReading.Known(v.value(), row.source(), row.observedAt());
            case Observed.Unknown u -> new ActualReading.Unknown(u.reason());
        };
    }

    private record CoverageEntry(String prefix, CoverageRow row) {
    }

    private CoverageEntry newestCoverage(FieldPath path) {
        String text = path.toString();
        CoverageEntry newest = null;
        for (Map.Entry<String, CoverageRow> e : coverage.entrySet()) {
            if (text.startsWith(e.getKey())
                    && (newest == null || e.getValue().observedAt().isAfter(newest.row.observedAt()))) {
                newest = new CoverageEntry(e.getKey(), e.getValue());
            }
        }
        return newest;
    }
}

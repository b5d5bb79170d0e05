package dev.drift.service.diff;

import dev.drift.service.model.ActualReading;
import dev.drift.service.model.ActualState;
import dev.drift.service.model.DesiredField;
import dev.drift.service.model.DesiredState;
import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldPattern;
import dev.drift.service.model.FieldValue;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Compares one CI's desired state with its actual state, field by field. Pure: no I/O, no clock,
 * no mutable state, so one instance is safe to share between threads.
 *
 * <p>For every desired field, in canonical path order:
 * <ol>
 *   <li>an ignore rule (global, then the CI's own) that matches makes it {@link FieldDiff.Ignored};</li>
 *   <li>an actual value that is not known makes it {@link FieldDiff.Unknown} with the store's reason;</li>
 *   <li>otherwise both values are normalized by the normalizer chosen for the path. If either cannot
 *       be normalized the verdict is {@link FieldDiff.Unknown}, never in sync; if the normalized
 *       desired value accepts the normalized actual one it is {@link FieldDiff.InSync}, else
 *       {@link FieldDiff.Drifted}.</li>
 * </ol>
 * Fields that are observed but not desired are not monitored and do not appear in the result.
 */
public final class Differ {
    private static final Comparator<Map.Entry<FieldPath, DesiredField>> PATH_ORDER =
            Comparator.comparing(e -> e.getKey().toString());

    private final List<FieldPattern> globalIgnores;
    private final NormalizerRegistry registry;

    /** A differ with the built-in normalizers and these ignore rules for every CI. */
    public Differ(List<FieldPattern> globalIgnores) {
        this(globalIgnores, NormalizerRegistry.defaults());
    }

    Differ(List<FieldPattern> globalIgnores, NormalizerRegistry registry) {
        this.globalIgnores = List.copyOf(globalIgnores);
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** The verdict on every desired field of {@code desired.ci()}, in canonical path order. */
    public DiffResult diff(DesiredState desired, ActualState actual) {
        Objects.requireNonNull(desired, "desired");
        Objects.requireNonNull(actual, "actual");
        if (!desired.ci().equals(actual.ci())) {
            throw new IllegalArgumentException(
                    "desired state of " + desired.ci() + " compared with actual state of " + actual.ci());
        }
        List<FieldDiff> verdicts = desired.fields().entrySet().stream()
                .sorted(PATH_ORDER)
                .map(e -> verdict(e.getKey(), e.getValue(), desired.ignore(), actual))
                .toList();
        return new DiffResult(desired.ci(), verdicts);
    }

    private FieldDiff verdict(FieldPath path, DesiredField desired, List<FieldPattern> ciIgnores, ActualState actual) {
        Optional<FieldPattern> rule = ignoreRule(path, ciIgnores);
        if (rule.isPresent()) {
            return new FieldDiff.Ignored(path, rule.get().glob());
        }
        return switch (actual.reading(path)) {
            case ActualReading.Unknown unknown -> new FieldDiff.Unknown(path, desired, unknown.reason());
            case ActualReading.Known known -> compare(path, desired, known);
        };
    }

    private Optional<FieldPattern> ignoreRule(FieldPath path, List<FieldPattern> ciIgnores) {
        return Stream.concat(globalIgnores.stream(), ciIgnores.stream()).filter(p -> p.matches(path)).findFirst();
    }

    private FieldDiff compare(FieldPath path, DesiredField desired, ActualReading.Known actual) {
        FieldNormalizer normalizer = registry.select(path, desired.value(), actual.value());
        Normalized want = guarded(normalizer, desired.value(), true);
        Normalized got = guarded(normalizer, actual.value(), false);
        if (want instanceof Normalized.Failed failed) {
            return unknown(path, desired, "desired", desired.value(), normalizer, failed);
        }
        if (got instanceof Normalized.Failed failed) {
            return unknown(path, desired, "actual", actual.value(), normalizer, failed);
        }
        Canonical wanted = ((Normalized.Ok) want).value();
        Canonical observed = ((Normalized.Ok) got).value();
        return wanted.accepts(observed)
                ? new FieldDiff.InSync(path, desired, actual)
                : new FieldDiff.Drifted(path, desired, actual);
    }

    /**
     * Normalizers report bad input as {@link Normalized.Failed}; an exception would be a bug in one,
     * and is still turned into a failure so that it can only ever produce "unknown", never "in sync"
     * and never an aborted diff of the whole CI.
     */
    private static Normalized guarded(FieldNormalizer normalizer, FieldValue value, boolean desiredSide) {
        try {
            return desiredSide ? normalizer.normalizeDesired(value) : normalizer.normalize(value);
        } catch (RuntimeException e) {
            return Normalized.failed("normalizer error: " + e);
        }
    }

    private static FieldDiff.Unknown unknown(FieldPath path, DesiredField desired, String side, FieldValue value,
                                             FieldNormalizer normalizer, Normalized.Failed failed) {
        String reason = side + " value '" + value.display() + "' could not be read as a " + normalizer.kind()
                + ": " + failed.reason();
        return new FieldDiff.Unknown(path, desired, reason);
    }
}

package dev.drift.service.compliance;

import dev.drift.service.model.ActualState;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Judges one CI's actual state against one {@link Pack}. Pure: no I/O, no clock of its own, no
 * mutable state, so one instance is safe to share between threads.
 *
 * <ol>
 *   <li>A CI never observed, or whose newest observation is older than {@code maxAge}, is
 *       {@link PackVerdict.Unknown}: old facts do not prove anything about the machine today.</li>
 *   <li>Each item is checked by its {@link Rule}. A field never observed, reported changed without a
 *       value, or whose value cannot be normalized makes the item unknown, never passed. A field
 *       under a newer complete report that omits it (a package list without the package) is absent,
 *       which is what {@link Rule.Absent} wants and every other rule fails on.</li>
 *   <li>Any failed item makes the verdict {@link PackVerdict.NonCompliant} with every failure in item
 *       order; otherwise any unknown item makes it {@link PackVerdict.Unknown} naming those items;
 *       otherwise it is {@link PackVerdict.Compliant}.</li>
 * </ol>
 */
@Singleton
public final class PackEvaluator {
    private final ItemCheck check = new ItemCheck();

    /**
     * The verdict of {@code pack} on {@code actual}.
     *
     * @param now    the time the verdict is for (the sweep's clock)
     * @param maxAge how old the newest observation of the CI may be; see {@code drift.compliance.max-fact-age}
     */
    public PackVerdict evaluate(Pack pack, ActualState actual, Instant now, Duration maxAge) {
        Objects.requireNonNull(pack, "pack");
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge must not be negative: " + maxAge);
        }
        Optional<String> stale = staleness(actual, now, maxAge);
        if (stale.isPresent()) {
            return new PackVerdict.Unknown(stale.get());
        }
        return verdict(pack, actual);
    }

    /** Why the CI's facts prove nothing at {@code now} (never observed, or too old); empty when they are fresh. */
    static Optional<String> staleness(ActualState actual, Instant now, Duration maxAge) {
        Optional<Instant> newest = actual.newestObservation();
        if (newest.isEmpty()) {
            return Optional.of("never observed");
        }
        if (newest.get().isBefore(now.minus(maxAge))) {
            return Optional.of("no facts since " + newest.get() + " (more than " + humane(maxAge) + " ago)");
        }
        return Optional.empty();
    }

    private PackVerdict verdict(Pack pack, ActualState actual) {
        List<Mismatch> mismatches = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (PackItem item : pack.items()) {
            switch (check.check(pack.name(), item, actual)) {
                case ItemOutcome.Pass pass -> { }
                case ItemOutcome.Fail fail -> mismatches.add(
                        new Mismatch(item.id(), item.field(), item.rule().expectation(), fail.actual()));
                case ItemOutcome.Unknown u -> unknown.add(item.id() + " (" + u.reason() + ")");
            }
        }
        if (!mismatches.isEmpty()) {
            return new PackVerdict.NonCompliant(mismatches);
        }
        if (!unknown.isEmpty()) {
            return new PackVerdict.Unknown(unknown.size() + " of " + pack.items().size() + " items unknown: "
                    + String.join("; ", unknown));
        }
        return new PackVerdict.Compliant();
    }

    /** {@code 26h}, {@code 1h30m}, {@code 90s} rather than {@code PT26H}. */
    private static String humane(Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}

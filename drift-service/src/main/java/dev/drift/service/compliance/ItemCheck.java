package dev.drift.service.compliance;

import dev.drift.service.diff.Differ;
import dev.drift.service.diff.FieldDiff;
import dev.drift.service.model.ActualReading;
import dev.drift.service.model.ActualState;
import dev.drift.service.model.DesiredField;
import dev.drift.service.model.DesiredState;
import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldValue;
import dev.drift.service.model.Provenance;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Checks one item against an actual state. Equality and absence go through drift's own
 * {@link Differ}, as a one-field desired state, so a pack and a CMDB judge a value alike; the
 * ordering rules (versions, numbers, patterns) read the value once the differ has said it exists.
 * Pure and stateless.
 */
final class ItemCheck {
    /** Compliance items name their fields explicitly, so global diff ignore rules do not apply. */
    private final Differ differ = new Differ(List.of());

    ItemOutcome check(String packName, PackItem item, ActualState actual) {
        Provenance provenance = new Provenance("compliance", "pack", packName, item.id());
        FieldPath field = item.field();
        return switch (item.rule()) {
            case Rule.Equals equals -> compare(field, equals.expected(), actual, provenance);
            case Rule.OneOf oneOf -> anyOf(field, oneOf.allowed(), actual, provenance);
            case Rule.Absent absent -> absence(field, actual, provenance);
            case Rule.Present present -> whenPresent(field, actual, provenance, value -> new ItemOutcome.Pass());
            case Rule.MinVersion min -> whenPresent(field, actual, provenance, value -> atLeastVersion(value, min));
            case Rule.Matches matches -> whenPresent(field, actual, provenance, value -> matching(value, matches));
            case Rule.AtMost most -> whenPresent(field, actual, provenance,
                    value -> numeric(value, n -> n.compareTo(most.limit()) <= 0));
            case Rule.AtLeast least -> whenPresent(field, actual, provenance,
                    value -> numeric(value, n -> n.compareTo(least.limit()) >= 0));
        };
    }

    private ItemOutcome compare(FieldPath field, FieldValue expected, ActualState actual, Provenance provenance) {
        DesiredState desired = new DesiredState(actual.ci(), "compliance",
                Map.of(field, new DesiredField(expected, provenance)), List.of());
        FieldDiff verdict = differ.diff(desired, actual).fields().getFirst();
        return switch (verdict) {
            case FieldDiff.InSync inSync -> new ItemOutcome.Pass();
            case FieldDiff.Drifted drifted -> new ItemOutcome.Fail(drifted.actual().value().display());
            case FieldDiff.Unknown unknown -> new ItemOutcome.Unknown(unknown.reason());
            case FieldDiff.Ignored ignored -> new ItemOutcome.Unknown("ignored by " + ignored.rule());
        };
    }

    /** Passes when one value passes; otherwise unknown when one could not be judged, else fails. */
    private ItemOutcome anyOf(FieldPath field, List<FieldValue> allowed, ActualState actual, Provenance provenance) {
        List<ItemOutcome> outcomes = new ArrayList<>();
        for (FieldValue value : allowed) {
            ItemOutcome outcome = compare(field, value, actual, provenance);
            if (outcome instanceof ItemOutcome.Pass) {
                return outcome;
            }
            outcomes.add(outcome);
        }
        return outcomes.stream().filter(ItemOutcome.Unknown.class::isInstance).findFirst()
                .orElse(outcomes.getFirst());
    }

    /**
     * Whether the field is absent (pass), exists (fail, with its value) or cannot be told. A
     * non-empty list always exists: several installed versions of a package are not something a
     * single-value normalizer can read, but they are certainly not absence.
     */
    private ItemOutcome absence(FieldPath field, ActualState actual, Provenance provenance) {
        if (actual.reading(field) instanceof ActualReading.Known known
                && known.value() instanceof FieldValue.Items items && !items.values().isEmpty()) {
            return new ItemOutcome.Fail(items.display());
        }
        return compare(field, FieldValue.Absent.INSTANCE, actual, provenance);
    }

    /** Applies {@code check} to the observed value when it exists; absence fails, unknown stays unknown. */
    private ItemOutcome whenPresent(FieldPath field, ActualState actual, Provenance provenance,
                                    Function<FieldValue, ItemOutcome> check) {
        return switch (absence(field, actual, provenance)) {
            case ItemOutcome.Pass absent -> new ItemOutcome.Fail(FieldValue.Absent.INSTANCE.display());
            case ItemOutcome.Unknown unknown -> unknown;
            case ItemOutcome.Fail present -> check.apply(known(actual.reading(field)));
        };
    }

    private static FieldValue known(ActualReading reading) {
        if (reading instanceof ActualReading.Known known) {
            return known.value();
        }
        throw new IllegalStateException("the differ found a value that the actual state does not hold");
    }

    private static ItemOutcome atLeastVersion(FieldValue value, Rule.MinVersion min) {
        DebianVersion minimum = DebianVersion.parse(min.version());
        try {
            return passIf(allOf(value, v -> DebianVersion.parse(v).compareTo(minimum) >= 0), value);
        } catch (IllegalArgumentException unreadable) {
            return new ItemOutcome.Unknown("actual value could not be read as a package version: "
                    + unreadable.getMessage());
        }
    }

    private static ItemOutcome matching(FieldValue value, Rule.Matches matches) {
        return passIf(allOf(value, text -> matches.regex().matcher(text).matches()), value);
    }

    private static ItemOutcome numeric(FieldValue value, Predicate<BigDecimal> within) {
        return number(value)
                .map(n -> passIf(within.test(n), value))
                .orElseGet(() -> new ItemOutcome.Unknown(
                        "actual value '" + value.display() + "' could not be read as a number"));
    }

    private static Optional<BigDecimal> number(FieldValue value) {
        return switch (value) {
            case FieldValue.Number n -> Optional.of(n.value());
            case FieldValue.Text t -> {
                try {
                    yield Optional.of(new BigDecimal(t.value().strip()));
                } catch (NumberFormatException notANumber) {
                    yield Optional.empty();
                }
            }
            case FieldValue.Items i -> Optional.empty();
            case FieldValue.Absent a -> Optional.empty();
        };
    }

    private static ItemOutcome passIf(boolean pass, FieldValue value) {
        return pass ? new ItemOutcome.Pass() : new ItemOutcome.Fail(value.display());
    }

    /** Whether every item of a value satisfies {@code test}; a value with no items satisfies nothing. */
    private static boolean allOf(FieldValue value, Predicate<String> test) {
        List<String> texts = texts(value);
        return !texts.isEmpty() && texts.stream().allMatch(test);
    }

    /** The stripped text of a value, one per item of a list. */
    private static List<String> texts(FieldValue value) {
        return switch (value) {
            case FieldValue.Text t -> List.of(t.value().strip());
            case FieldValue.Number n -> List.of(n.display());
            case FieldValue.Items items -> items.values().stream().map(String::strip).toList();
            case FieldValue.Absent a -> List.of();
        };
    }
}

package dev.drift.service.diff;

import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldPattern;
import dev.drift.service.model.FieldValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Chooses the normalizer for a field. Rules are tried in order and the first whose selector matches
 * the path wins; a field no rule claims is read by the kind of its values (numbers as numbers,
 * lists as ordered lists, anything else as text). Every normalizer handed out is wrapped in
 * {@link AbsentAware}. Immutable: the {@code with...} methods return a new registry whose added
 * rule takes precedence over the existing ones.
 */
final class NormalizerRegistry {
    private static final FieldNormalizer NUMBER = new NumberNormalizer();
    private static final FieldNormalizer TEXT = new TextNormalizer();
    private static final FieldNormalizer ORDERED = ListNormalizer.ordered();
    private static final FieldNormalizer UNORDERED = ListNormalizer.unordered();

    /** One selection rule. */
    record Rule(PathSelector selector, FieldNormalizer normalizer) {
        Rule {
            Objects.requireNonNull(selector, "selector");
            Objects.requireNonNull(normalizer, "normalizer");
        }
    }

    private final List<Rule> rules;

    private NormalizerRegistry(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The rules for the fields drift knows about; see each normalizer for why it exists. */
    static NormalizerRegistry defaults() {
        List<Rule> rules = new ArrayList<>();
        rules.add(new Rule(new PathSelector.LeafName("sha256"), new HashNormalizer()));
        rules.add(new Rule(new PathSelector.RootName("power_state"), new PowerStateNormalizer()));
        rules.add(new Rule(glob("package[*].version"), new PackageVersionNormalizer()));
        rules.add(new Rule(glob("service[*].state"), new ServiceStateNormalizer()));
        rules.add(new Rule(new PathSelector.LeafName("enabled"), new BooleanNormalizer()));
        rules.add(new Rule(glob("file[*].setting[*]"), new SettingNormalizer()));
        rules.add(new Rule(new PathSelector.RootName("sysctl"), new SettingNormalizer()));
        rules.add(new Rule(new PathSelector.LeafSuffix("_mb"), SizeNormalizer.megabytes()));
        rules.add(new Rule(new PathSelector.LeafSuffix("_gb"), SizeNormalizer.gigabytes()));
        rules.add(new Rule(new PathSelector.LeafName("vcpus"), NUMBER));
        rules.add(new Rule(new PathSelector.LeafSuffix("count"), NUMBER));
        for (String leaf : List.of("ip_addresses", "members", "users", "tags", "vlans", "mac_addresses")) {
            rules.add(new Rule(new PathSelector.LeafName(leaf), UNORDERED));
        }
        for (String leaf : List.of("nameservers", "search")) {
            rules.add(new Rule(new PathSelector.LeafName(leaf), ORDERED));
        }
        return new NormalizerRegistry(rules);
    }

    /** A registry that tries {@code rule} before all of this one's rules. */
    NormalizerRegistry withRule(PathSelector selector, FieldNormalizer normalizer) {
        List<Rule> more = new ArrayList<>();
        more.add(new Rule(selector, normalizer));
        more.addAll(rules);
        return new NormalizerRegistry(more);
    }

    /** A registry that compares fields with this leaf name as unordered sets. */
    NormalizerRegistry withUnorderedLeaf(String leafName) {
        return withRule(new PathSelector.LeafName(leafName), UNORDERED);
    }

    /** A registry that compares fields with this leaf name as lists in order. */
    NormalizerRegistry withOrderedLeaf(String leafName) {
        return withRule(new PathSelector.LeafName(leafName), ORDERED);
    }

    /** The normalizer for a field, given both of its raw values. */
    FieldNormalizer select(FieldPath path, FieldValue desired, FieldValue actual) {
        return new AbsentAware(byPath(path).orElseGet(() -> byValues(desired, actual)));
    }

    private Optional<FieldNormalizer> byPath(FieldPath path) {
        return rules.stream().filter(r -> r.selector().selects(path)).map(Rule::normalizer).findFirst();
    }

    /**
     * Without a rule, the values' types decide: JSON sources disagree on whether a count is
     * {@code 4} or {@code "4"}, so a number against numeric text compares numerically; a list
     * against anything compares as a list, in order, since nothing says order is meaningless.
     */
    private static FieldNormalizer byValues(FieldValue desired, FieldValue actual) {
        if (desired instanceof FieldValue.Items || actual instanceof FieldValue.Items) {
            return ORDERED;
        }
        boolean anyNumber = desired instanceof FieldValue.Number || actual instanceof FieldValue.Number;
        if (anyNumber && isNumeric(desired) && isNumeric(actual)) {
            return NUMBER;
        }
        return TEXT;
    }

    private static boolean isNumeric(FieldValue value) {
        return switch (value) {
            case FieldValue.Number n -> true;
            case FieldValue.Text t -> Scalars.decimal(t.value()).isPresent();
            case FieldValue.Absent a -> true;
            case FieldValue.Items i -> false;
        };
    }

    private static PathSelector glob(String glob) {
        return new PathSelector.Glob(FieldPattern.of(glob));
    }
}

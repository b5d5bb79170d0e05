package dev.drift.service.policy;

import dev.drift.service.model.Category;
import dev.drift.service.model.FieldPattern;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which drift a policy applies to. Each dimension is a set of alternatives; an empty one matches
 * anything. A drift matches when every dimension matches: its CI type is one of {@code ciTypes},
 * one of its tags or roles is in {@code tags}, its field's category is in {@code categories}, and
 * one of {@code fields} matches its field path.
 */
public record PolicyMatch(Set<String> ciTypes, Set<String> tags, Set<Category> categories,
                          List<FieldPattern> fields) {
    /** Matches every drift. */
    public static final PolicyMatch ANY = new PolicyMatch(Set.of(), Set.of(), Set.of(), List.of());

    public PolicyMatch {
        ciTypes = Set.copyOf(ciTypes);
        tags = Set.copyOf(tags);
        categories = Set.copyOf(categories);
        fields = List.copyOf(fields);
    }

    /** Whether every dimension matches the subject. */
    public boolean matches(PolicySubject subject) {
        return (ciTypes.isEmpty() || ciTypes.contains(subject.ciType()))
                && (tags.isEmpty() || subject.tags().stream().anyMatch(tags::contains))
                && (categories.isEmpty() || categories.contains(subject.field().category()))
                && (fields.isEmpty() || fields.stream().anyMatch(p -> p.matches(subject.field())));
    }

    /** How many dimensions are restricted (0 to 4): the primary measure of specificity. */
    public int restrictedDimensions() {
        return (int) Stream.of(ciTypes.isEmpty(), tags.isEmpty(), categories.isEmpty(), fields.isEmpty())
                .filter(empty -> !empty).count();
    }

    public boolean matchesEverything() {
        return restrictedDimensions() == 0;
    }
}

package dev.drift.service.policy;

import dev.drift.service.model.FieldPattern;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;

/**
 * Picks the policy that applies to a drift: the most specific one that matches it. Pure: the same
 * subject and policies always give the same policy, whatever their order.
 *
 * <p>Among the policies whose {@link PolicyMatch} matches the subject:
 * <ol>
 *   <li>the default policy ({@link Policy#isDefault()}) always comes last: it is only chosen when
 *       nothing else matches;</li>
 *   <li>the one with more restricted dimensions (CI types, tags, categories, fields; 0 to 4) wins;</li>
 *   <li>on a tie, the one whose best matching field pattern has the longest literal prefix (the
 *       characters before its first {@code *}, or the whole pattern when it has none) wins; a
 *       policy without field patterns counts 0;</li>
 *   <li>on a further tie, the name that sorts first (by {@link String#compareTo}) wins.</li>
 * </ol>
 */
@Singleton
public final class PolicyResolver {

    /**
     * The policy a drift keeps: the one recorded when it opened ({@code kept}) while it still exists,
     * otherwise the most specific one for {@code subject} now.
     */
    public Policy resolve(java.util.Optional<java.util.UUID> kept, PolicySubject subject, List<Policy> candidates) {
        return kept.flatMap(id -> candidates.stream().filter(p -> p.id().equals(id)).findFirst())
                .orElseGet(() -> resolve(subject, candidates));
    }

    /**
     * The policy that applies to the subject. Throws {@link IllegalArgumentException} when none
     * matches, which cannot happen while the default policy is among {@code policies}.
     */
    public Policy resolve(PolicySubject subject, List<Policy> policies) {
        Comparator<Policy> precedence = Comparator.comparing(Policy::isDefault)
                .thenComparing(Comparator.comparingInt((Policy p) -> p.match().restrictedDimensions()).reversed())
                .thenComparing(Comparator.comparingInt((Policy p) -> literalPrefix(p, subject)).reversed())
                .thenComparing(Policy::name);
        return policies.stream()
                .filter(p -> p.match().matches(subject))
                .min(precedence)
                .orElseThrow(() -> new IllegalArgumentException("no policy matches " + subject.field()
                        + " of a " + subject.ciType() + "; the default policy is missing"));
    }

    /** Length of the literal prefix of the policy's longest-prefixed field pattern that matches. */
    private static int literalPrefix(Policy policy, PolicySubject subject) {
        return policy.match().fields().stream()
                .filter(p -> p.matches(subject.field()))
                .mapToInt(PolicyResolver::literalPrefix)
                .max().orElse(0);
    }

    static int literalPrefix(FieldPattern pattern) {
        int star = pattern.glob().indexOf('*');
        return star < 0 ? pattern.glob().length() : star;
    }
}

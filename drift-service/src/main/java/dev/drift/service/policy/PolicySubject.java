package dev.drift.service.policy;

import dev.drift.service.model.FieldPath;
import java.util.Objects;
import java.util.Set;

/**
 * A drift as a policy sees it: the CI's type, its tags and roles, and the drifted field (whose
 * {@link FieldPath#category() category} is matched against a policy's categories).
 */
public record PolicySubject(String ciType, Set<String> tags, FieldPath field) {
    public PolicySubject {
        Objects.requireNonNull(ciType, "ciType");
        Objects.requireNonNull(field, "field");
        tags = Set.copyOf(tags);
    }
}

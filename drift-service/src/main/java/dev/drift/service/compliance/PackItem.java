package dev.drift.service.compliance;

import dev.drift.service.model.FieldPath;
import java.util.Map;
import java.util.Objects;

/**
 * One check of a {@link Pack}: a field of the actual state and the rule its value must satisfy.
 *
 * <p>The field must be one the actual state really holds. Packages, services, files and users are
 * reported through an attribute, never as a bare name: {@code package[telnetd]} would only ever be
 * "absent" (a package report covers every path starting with {@code package[}), so it is refused in
 * favour of {@code package[telnetd].version}. {@link Rule.MinVersion} needs a {@code .version} field.
 *
 * @param id    {@code [a-z0-9][a-z0-9-]*}, unique within its pack; names the item in verdicts
 * @param title what the check means to an operator; not blank
 * @param field the field of the actual state that is checked
 * @param rule  what its value must satisfy
 */
public record PackItem(String id, String title, FieldPath field, Rule rule) {
    /** Roots whose entities are only observed through an attribute, and the attribute that tells existence. */
    private static final Map<String, String> EXISTENCE_ATTRIBUTE =
            Map.of("package", "version", "service", "state", "file", "sha256", "user", "uid");

    public PackItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(rule, "rule");
        if (!Pack.NAME.matcher(id).matches()) {
            throw new IllegalArgumentException("item id must match " + Pack.NAME + ": '" + id + "'");
        }
        if (title.isBlank()) {
            throw new IllegalArgumentException("item title must not be blank");
        }
        requireObservable(field);
        if (rule instanceof Rule.MinVersion && !field.leaf().name().equals("version")) {
            throw new IllegalArgumentException("min_version needs a version field such as package[<name>].version, not '"
                    + field + "'");
        }
    }

    private static void requireObservable(FieldPath field) {
        String attribute = EXISTENCE_ATTRIBUTE.get(field.root().name());
        if (attribute != null && field.segments().size() == 1 && field.root().key() != null) {
            throw new IllegalArgumentException("'" + field + "' names a " + field.root().name()
                    + ", not a field the actual state holds; use " + field.child(attribute));
        }
    }
}

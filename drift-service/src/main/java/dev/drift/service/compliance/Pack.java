package dev.drift.service.compliance;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A named, versioned set of checks that a machine's actual state must pass, such as
 * {@code ssh-hardening}. Packs are loaded from YAML by {@link PackLoader} and judged by
 * {@link PackEvaluator}.
 *
 * @param name        {@code [a-z0-9][a-z0-9-]*}, unique within a catalog
 * @param version     the pack's own version, free text such as {@code 1.0}; not blank
 * @param description what the pack is for; may be empty
 * @param items       the checks, at least one, with unique ids, in the order verdicts report them
 */
public record Pack(String name, String version, String description, List<PackItem> items) {
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    public Pack {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        items = List.copyOf(items);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("pack name must match " + NAME + ": '" + name + "'");
        }
        if (version.isBlank()) {
            throw new IllegalArgumentException("pack version must not be blank");
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException("a pack needs at least one item");
        }
        Set<String> ids = new HashSet<>();
        for (PackItem item : items) {
            if (!ids.add(item.id())) {
                throw new IllegalArgumentException("duplicate item id '" + item.id() + "'");
            }
        }
    }
}

package dev.drift.service.ledger;

import dev.drift.service.model.Category;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.util.EnumMap;
import java.util.Map;

/**
 * Severity of new drift until policies decide it: a default, and overrides per category.
 *
 * @param defaultSeverity {@code drift.severity.default-severity}, default {@code warning}
 * @param byCategory      {@code drift.severity.by-category.<category>}, e.g. {@code security: high}
 */
@ConfigurationProperties("drift.severity")
public record SeverityProperties(@Nullable String defaultSeverity, @Nullable Map<String, String> byCategory) {

    /** Throws {@link IllegalArgumentException} on an unknown category or severity, failing startup. */
    public SeverityProperties {
        defaultSeverity = defaultSeverity == null ? "warning" : defaultSeverity;
        Severity.fromWire(defaultSeverity);
        byCategory = byCategory == null ? Map.of("security", "high", "state", "high") : Map.copyOf(byCategory);
        byCategory.forEach((category, severity) -> {
            Category.fromWire(category);
            Severity.fromWire(severity);
        });
    }

    /** The severity of each category. */
    public Map<Category, Severity> table() {
        Map<Category, Severity> table = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            table.put(c, Severity.fromWire(byCategory.getOrDefault(c.wireName(), defaultSeverity)));
        }
        return table;
    }
}

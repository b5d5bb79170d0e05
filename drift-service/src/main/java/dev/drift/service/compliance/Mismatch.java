package dev.drift.service.compliance;

import dev.drift.service.model.FieldPath;
import java.util.Objects;

/**
 * One failed item.
 *
 * @param itemId   the item's id within its pack
 * @param field    the field checked
 * @param expected what the rule expects, for display ({@code no}, {@code >= 1:8.9p1}, {@code at most 26})
 * @param actual   the observed value, for display ({@code yes}, {@code absent}, {@code 1.2, 1.3})
 */
public record Mismatch(String itemId, FieldPath field, String expected, String actual) {
    public Mismatch {
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(actual, "actual");
    }
}

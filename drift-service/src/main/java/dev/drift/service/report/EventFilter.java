package dev.drift.service.report;

import dev.drift.service.ledger.DriftStatus;
import dev.drift.service.ledger.Severity;
import dev.drift.service.model.Category;
import dev.drift.service.system.InvalidInput;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which drift events a list, an export or a report covers; a null member does not filter.
 *
 * @param field an exact field path, or a glob in which {@code *} matches any run of characters
 * @param since first detected at or after (inclusive)
 * @param until first detected before (exclusive)
 */
public record EventFilter(@Nullable DriftStatus status, @Nullable String ci, @Nullable String ciType,
                          @Nullable Category category, @Nullable Severity severity, @Nullable String field,
                          @Nullable Instant since, @Nullable Instant until) {

    public static final EventFilter NONE = new EventFilter(null, null, null, null, null, null, null, null);

    public EventFilter {
        Times.checkOrder(since, until);
    }

    /** Parses query parameters (null when not given); throws {@link InvalidInput} naming the bad one. */
    public static EventFilter parse(String status, String ci, String ciType, String category, String severity,
                                    String field, String since, String until) {
        return new EventFilter(
                status == null ? null : wire("status", () -> DriftStatus.fromWire(status)),
                nonBlank("ci", ci), nonBlank("ci_type", ciType),
                category == null ? null : category(category),
                severity == null ? null : wire("severity", () -> Severity.fromWire(severity)),
                nonBlank("field", field), Times.parse("since", since), Times.parse("until", until));
    }

    /** The filters as the query parameters that give them, every one present, null when not given. */
    public Map<String, String> wire() {
        Map<String, String> wire = new LinkedHashMap<>();
        wire.put("status", status == null ? null : status.wireName());
        wire.put("ci", ci);
        wire.put("ci_type", ciType);
        wire.put("category", category == null ? null : category.wireName());
        wire.put("severity", severity == null ? null : severity.wireName());
        wire.put("field", field);
        wire.put("since", since == null ? null : since.toString());
        wire.put("until", until == null ? null : until.toString());
        return wire;
    }

    /** The SQL conditions (joined by {@code and}, "true" when none) and their parameters, in order. */
    Where where() {
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        add(conditions, params, "status = ?", status == null ? null : status.wireName());
        add(conditions, params, "ci_id = ?", ci);
        add(conditions, params, "ci_type = ?", ciType);
        add(conditions, params, "category = ?", category == null ? null : category.wireName());
        add(conditions, params, "severity = ?", severity == null ? null : severity.wireName());
        if (field != null && field.contains("*")) {
            add(conditions, params, "field_path like ? escape '\\'", like(field));
        } else {
            add(conditions, params, "field_path = ?", field);
        }
        add(conditions, params, "first_detected_at >= ?", since);
        add(conditions, params, "first_detected_at < ?", until);
        return new Where(conditions.isEmpty() ? "true" : String.join(" and ", conditions), params);
    }

    /** A WHERE clause body and its parameters. */
    record Where(String sql, List<Object> params) {
    }

    private static void add(List<String> conditions, List<Object> params, String condition, Object value) {
        if (value != null) {
            conditions.add(condition);
            params.add(value);
        }
    }

    /** The LIKE pattern of a glob: {@code *} becomes {@code %}, LIKE's own wildcards match themselves. */
    static String like(String glob) {
        StringBuilder sb = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> sb.append('%');
                case '%', '_', '\\' -> sb.append('\\').append(c);
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static <T> T wire(String parameter, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(parameter, e.getMessage());
        }
    }

    private static Category category(String text) {
        return Arrays.stream(Category.values()).filter(c -> c.wireName().equals(text)).findFirst()
                .orElseThrow(() -> new InvalidInput("category", "must be one of "
                        + Arrays.stream(Category.values()).map(Category::wireName).collect(Collectors.joining(", "))
                        + ": '" + text + "'"));
    }

    /** Not blank, and without NUL, which PostgreSQL text cannot hold (so nothing stored could match). */
    private static String nonBlank(String parameter, String text) {
        if (text != null && text.isBlank()) {
            throw new InvalidInput(parameter, "must not be blank");
        }
        if (text != null && text.indexOf('\0') >= 0) {
            throw new InvalidInput(parameter, "must not contain NUL characters");
        }
        return text;
    }
}

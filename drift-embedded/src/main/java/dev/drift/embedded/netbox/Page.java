package dev.drift.embedded.netbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NetBox's limit/offset pagination: {@code limit} defaults to 50 and is capped at 1000 (0 asks for the
 * maximum), {@code offset} defaults to 0; invalid values fall back to the defaults.
 */
record Page(int limit, int offset) {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;

    static Page of(Query query) {
        int limit = parse(query.first("limit"), DEFAULT_LIMIT);
        if (limit == 0 || limit > MAX_LIMIT) {
            limit = MAX_LIMIT;
        }
        return new Page(limit, parse(query.first("offset"), 0));
    }

    private static int parse(String value, int fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            return parsed < 0 ? fallback : parsed;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** The {@code {count, next, previous, results}} envelope of this page of {@code all}. */
    <T> Map<String, Object> envelope(List<T> all, Query query) {
        int count = all.size();
        int from = Math.min(offset, count);
        int to = Math.min(from + limit, count);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("count", count);
        json.put("next", offset + limit < count ? query.withPage(limit, offset + limit) : null);
        json.put("previous", previous(query));
        json.put("results", all.subList(from, to));
        return json;
    }

    private String previous(Query query) {
        if (offset <= 0) {
            return null;
        }
        if (offset - limit <= 0) {
            return query.withPage(limit, null);
        }
        return query.withPage(limit, offset - limit);
    }
}

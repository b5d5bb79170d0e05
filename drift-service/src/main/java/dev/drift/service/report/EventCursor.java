package dev.drift.service.report;

import dev.drift.service.ledger.DriftEventRecord;
import dev.drift.service.system.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;

/**
 * Where a keyset page continues: the sort, and the sort key and id of the last row of the previous
 * page. Clients see it as an opaque token (URL-safe base64 of {@code v1\n<sort>\n<key>\n<id>}); a
 * cursor only continues the sort it was made for.
 *
 * @param key the row's sort key as text: an RFC 3339 instant, or a severity rank 0 (info) to 3
 */
public record EventCursor(EventSort sort, String key, UUID id) {
    private static final String VERSION = "v1";
    private static final int MAX_LENGTH = 512;

    public EventCursor {
        Objects.requireNonNull(sort, "sort");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(id, "id");
        sort.keyValue(key);
    }

    /** The cursor that continues after the row. */
    public static EventCursor after(EventSort sort, DriftEventRecord last) {
        return new EventCursor(sort, sort.keyOf(last), last.id());
    }

    public String encode() {
        String text = String.join("\n", VERSION, sort.wireName(), key, id.toString());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a token made by {@link #encode()} for the given sort; throws {@link InvalidInput} for
     * anything else, including a cursor of another sort.
     */
    public static EventCursor decode(String token, EventSort sort) {
        String[] parts = parts(token);
        if (parts.length != 4 || !VERSION.equals(parts[0])) {
            throw invalid(token);
        }
        if (!sort.wireName().equals(parts[1])) {
            throw new InvalidInput("cursor", "continues sort=" + parts[1] + ", not sort=" + sort.wireName()
                    + "; repeat the query that returned it");
        }
        try {
            return new EventCursor(sort, parts[2], UUID.fromString(parts[3]));
        } catch (IllegalArgumentException e) {
            throw invalid(token);
        }
    }

    private static String[] parts(String token) {
        if (token.isEmpty() || token.length() > MAX_LENGTH) {
            throw invalid(token);
        }
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\n", -1);
        } catch (IllegalArgumentException e) {
            throw invalid(token);
        }
    }

    private static InvalidInput invalid(String token) {
        String shown = token.length() > 40 ? token.substring(0, 40) + "..." : token;
        return new InvalidInput("cursor", "not a cursor returned by this API (next_cursor): '" + shown + "'");
    }
}

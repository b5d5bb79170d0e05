package dev.drift.service.report;

import dev.drift.service.ledger.DriftEventRecord;
import dev.drift.service.ledger.Severity;
import dev.drift.service.system.InvalidInput;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Orders of drift event lists. Each sorts by one key, then by id in the same direction, so that
 * (key, id) is unique and a keyset page can continue after any row ({@link EventCursor}). A leading
 * {@code -} means descending: {@code -severity} is most severe first.
 */
public enum EventSort {
    FIRST_DETECTED_AT("first_detected_at", "first_detected_at", false, Kind.TIME),
    FIRST_DETECTED_AT_DESC("-first_detected_at", "first_detected_at", true, Kind.TIME),
    LAST_SEEN_AT("last_seen_at", "last_seen_at", false, Kind.TIME),
    LAST_SEEN_AT_DESC("-last_seen_at", "last_seen_at", true, Kind.TIME),
    SEVERITY("severity", EventSort.SEVERITY_RANK, false, Kind.RANK),
    SEVERITY_DESC("-severity", EventSort.SEVERITY_RANK, true, Kind.RANK);

    /** Severity as a rank, info 0 to critical 3; identical to the expression indexed in V6. */
    static final String SEVERITY_RANK =
            "(case severity when 'info' then 0 when 'warning' then 1 when 'high' then 2 else 3 end)";

    private enum Kind { TIME, RANK }

    private final String wireName;
    private final String expression;
    private final boolean descending;
    private final Kind kind;

    EventSort(String wireName, String expression, boolean descending, Kind kind) {
        this.wireName = wireName;
        this.expression = expression;
        this.descending = descending;
        this.kind = kind;
    }

    public static final EventSort DEFAULT = FIRST_DETECTED_AT_DESC;

    public String wireName() {
        return wireName;
    }

    /** Throws {@link InvalidInput} naming the allowed values. */
    public static EventSort fromWire(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst()
                .orElseThrow(() -> new InvalidInput("sort", "must be one of "
                        + Arrays.stream(values()).map(EventSort::wireName).collect(Collectors.joining(", "))
                        + ": '" + name + "'"));
    }

    String orderBy() {
        String direction = descending ? " desc" : " asc";
        return expression + direction + ", id" + direction;
    }

    /** The condition "comes after the cursor row"; takes the key and the id as parameters. */
    String after() {
        return "(" + expression + ", id) " + (descending ? "<" : ">") + " (?, ?)";
    }

    /** The sort key of a row, as a cursor carries it. */
    String keyOf(DriftEventRecord event) {
        return switch (kind) {
            case TIME -> (this == LAST_SEEN_AT || this == LAST_SEEN_AT_DESC
                    ? event.lastSeenAt() : event.firstDetectedAt()).toString();
            case RANK -> Integer.toString(Severity.fromWire(event.severity()).ordinal());
        };
    }

    /**
     * The JDBC parameter of a cursor key; throws {@link IllegalArgumentException} when the key is
     * not one of this sort.
     */
    Object keyValue(String key) {
        try {
            return switch (kind) {
                case TIME -> OffsetDateTime.ofInstant(Instant.parse(key), ZoneOffset.UTC);
                case RANK -> rank(key);
            };
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("not a " + wireName + " key: " + key, e);
        }
    }

    private static int rank(String key) {
        int rank = Integer.parseInt(key);
        if (rank < 0 || rank >= Severity.values().length) {
            throw new NumberFormatException("rank out of range: " + rank);
        }
        return rank;
    }
}

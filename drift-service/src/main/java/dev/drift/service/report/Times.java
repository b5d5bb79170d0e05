package dev.drift.service.report;

import dev.drift.service.system.InvalidInput;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Times in query parameters: RFC 3339 with an offset ({@code Z} or {@code +02:00}, the plus sent as {@code %2B}). */
public final class Times {
    private static final int MAX_YEAR = 9999;

    private Times() {
    }

    /**
     * Null for null; throws {@link InvalidInput} naming the parameter for anything else that is not RFC 3339,
     * including a year beyond its four digits: {@code +999999999-12-31T23:59:59Z} is ISO 8601, but out of
     * PostgreSQL's range and of epoch milliseconds.
     */
    public static Instant parse(String parameter, String text) {
        if (text == null) {
            return null;
        }
        OffsetDateTime time;
        try {
            time = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            throw notRfc3339(parameter, text);
        }
        if (time.getYear() < 0 || time.getYear() > MAX_YEAR) {
            throw notRfc3339(parameter, text);
        }
        return time.toInstant();
    }

    private static InvalidInput notRfc3339(String parameter, String text) {
        return new InvalidInput(parameter, "must be an RFC 3339 time such as 2025-01-31T12:00:00Z: '" + text + "'");
    }

    /** Throws {@link InvalidInput} unless since is before until (either may be null). */
    static void checkOrder(Instant since, Instant until) {
        if (since != null && until != null && !since.isBefore(until)) {
            throw new InvalidInput("since", "must be before until (" + since + " is not before " + until + ")");
        }
    }
}

package dev.drift.service.compliance;

import dev.drift.service.system.InvalidInput;
import java.time.Instant;
import java.util.Optional;

/**
 * Which checks of a machine to show.
 *
 * @param pack  only this pack; empty for every pack
 * @param limit at most this many checks per pack, {@code 1} to {@value #MAX_LIMIT}
 * @param since only checks made at or after this time; empty for all
 */
public record HistoryQuery(Optional<String> pack, int limit, Optional<Instant> since) {
    public static final int DEFAULT_LIMIT = 30;
    public static final int MAX_LIMIT = 1000;

    public HistoryQuery {
        pack.ifPresent(HistoryQuery::requirePackName);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInput("limit", "must be between 1 and " + MAX_LIMIT + ": " + limit);
        }
    }

    /** The query of the API's parameters, each optional; throws {@link InvalidInput} naming the one at fault. */
    public static HistoryQuery parse(String pack, String limit, Instant since) {
        return new HistoryQuery(Optional.ofNullable(pack), limit == null ? DEFAULT_LIMIT : number(limit),
                Optional.ofNullable(since));
    }

    private static int number(String limit) {
        try {
            return Integer.parseInt(limit.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInput("limit", "must be an integer between 1 and " + MAX_LIMIT + ": '" + limit + "'");
        }
    }

    private static void requirePackName(String pack) {
        if (!Pack.NAME.matcher(pack).matches()) {
            throw new InvalidInput("pack", "must be a pack name matching " + Pack.NAME + ": '" + pack + "'");
        }
    }
}

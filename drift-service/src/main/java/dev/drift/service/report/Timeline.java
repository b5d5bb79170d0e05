package dev.drift.service.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.drift.service.system.InvalidInput;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Drift events opened and resolved per bucket ({@code GET /drift/report/timeline}).
 *
 * @param bucket  {@code hour} or {@code day} (UTC)
 * @param buckets every bucket of [since, until), oldest first
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Timeline(String bucket, Instant since, Instant until, List<Point> buckets) {
    /** The most buckets one timeline may have. */
    public static final int MAX_BUCKETS = 1000;

    /**
     * @param start    the bucket's start (UTC)
     * @param opened   events first detected in the bucket
     * @param resolved events resolved in the bucket
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Point(Instant start, long opened, long resolved) {
    }

    /** Bucket sizes, truncated like SQL {@code date_trunc} in UTC. */
    public enum Bucket {
        HOUR(ChronoUnit.HOURS, Duration.ofDays(1)),
        DAY(ChronoUnit.DAYS, Duration.ofDays(30));

        private final ChronoUnit unit;
        private final Duration defaultSpan;

        Bucket(ChronoUnit unit, Duration defaultSpan) {
            this.unit = unit;
            this.defaultSpan = defaultSpan;
        }

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** How far back a timeline without {@code since} goes: a day of hours, 30 days. */
        public Duration defaultSpan() {
            return defaultSpan;
        }

        /** Throws {@link InvalidInput} naming the allowed values. */
        public static Bucket fromWire(String name) {
            for (Bucket b : values()) {
                if (b.wireName().equals(name)) {
                    return b;
                }
            }
            throw new InvalidInput("bucket", "must be one of hour, day: '" + name + "'");
        }

        /** The starts of the buckets covering [since, until); throws {@link InvalidInput} beyond the maximum. */
        List<Instant> starts(Instant since, Instant until) {
            Instant first = since.truncatedTo(unit);
            long count = (until.toEpochMilli() - first.toEpochMilli() + unit.getDuration().toMillis() - 1)
                    / unit.getDuration().toMillis();
            if (count > MAX_BUCKETS) {
                throw new InvalidInput("since", "from " + since + " until " + until + " is " + count + " "
                        + wireName() + " buckets, more than " + MAX_BUCKETS + "; shorten the range or use bucket=day");
            }
            List<Instant> starts = new ArrayList<>();
            for (Instant at = first; at.isBefore(until); at = at.plus(1, unit)) {
                starts.add(at);
            }
            return starts;
        }
    }
}

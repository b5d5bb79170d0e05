package dev.drift.service.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;
import java.util.Map;

/**
 * Drift events first detected in [{@code since}, {@code until}) counted by CI type, category,
 * severity and status ({@code GET /drift/report}). Every category, severity and status is present
 * (0 when none); CI types only as they occur.
 *
 * @param since              null: from the first event
 * @param until              the time of the report when not given
 * @param meanTimeToResolve  over the counted events that are resolved
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DriftReport(@Nullable Instant since, Instant until, long total, Map<String, Long> byCiType,
                          Map<String, Long> byCategory, Map<String, Long> bySeverity, Map<String, Long> byStatus,
                          MeanTimeToResolve meanTimeToResolve) {

    /** Mean time from first detection to resolution, overall and for every severity. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record MeanTimeToResolve(long resolved, @Nullable Double meanSeconds, Map<String, Mean> bySeverity) {
    }

    /**
     * @param resolved    how many resolved events the mean is over
     * @param meanSeconds null when none
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Mean(long resolved, @Nullable Double meanSeconds) {
    }
}

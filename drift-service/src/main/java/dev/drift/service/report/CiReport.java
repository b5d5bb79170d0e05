package dev.drift.service.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One CI's desired state next to its actual state, field by field ({@code GET /drift/cis/{ci}}).
 *
 * @param ciType         from the desired-state source; null when the source does not know the CI
 * @param desiredState   {@code managed}, {@code unmanaged} (the source does not know the CI) or
 *                       {@code disabled} (detection switched off: no field is compared)
 * @param desiredSource  the desired-state source ({@code file}, {@code netbox})
 * @param disabledReason why detection is off, for {@code disabled}
 * @param observed       whether anything was ever observed about the CI
 * @param verdicts       how many fields have each verdict; every verdict is present
 * @param fields         every monitored field, in path order
 * @param activeDrift    every non-resolved drift event of the CI, including ones on fields no longer
 *                       monitored (such as {@code ci.registered})
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CiReport(String ciId, @Nullable String ciType, String desiredState, String desiredSource,
                       @Nullable String disabledReason, boolean observed, Map<String, Integer> verdicts,
                       List<Field> fields, List<Drift> activeDrift) {

    /**
     * One monitored field. {@code desired}/{@code actual} null means absent; actual, its source and
     * time are null when nothing trustworthy is known.
     *
     * @param verdict  {@code in_sync}, {@code drifted}, {@code unknown} or {@code ignored}
     * @param reason   why the verdict is unknown, or the ignore rule that matched
     * @param driftId  the field's active drift event, if any (a drift still settling has none)
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Field(String field, String verdict, @Nullable Object desired, Map<String, String> desiredProvenance,
                        @Nullable Object actual, @Nullable String actualSource, @Nullable Instant actualObservedAt,
                        @Nullable String reason, @Nullable UUID driftId, @Nullable String driftStatus) {
    }

    /** An active drift event of the CI. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Drift(UUID id, String field, String status, String severity) {
    }
}

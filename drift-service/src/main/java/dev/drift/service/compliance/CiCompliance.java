package dev.drift.service.compliance;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.drift.service.model.CiKey;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One machine's compliance checks, per pack ({@code GET /drift/cis/{ci}/compliance}).
 *
 * @param packs every pack the machine was ever checked against (or the one asked for), in name order
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CiCompliance(String ciId, List<PackHistory> packs) {

    /** A machine that is known but was never checked. */
    public static CiCompliance unchecked(CiKey ci) {
        return new CiCompliance(ci.value(), List.of());
    }

    /**
     * The latest verdict of one pack and its checks, newest first.
     *
     * @param verdict       the newest check's verdict: {@code compliant}, {@code non_compliant} or {@code unknown}
     * @param lastJudged    the newest verdict that was not unknown; null when every check was unknown
     * @param lastCheckedAt when the newest check was made
     * @param checks        the newest checks that match the query, newest first; may be fewer than the
     *                      machine has, or none
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PackHistory(String pack, String verdict, @Nullable String lastJudged, Instant lastCheckedAt,
                              List<Check> checks) {
    }

    /**
     * One stored check.
     *
     * @param packVersion the version of the pack checked; {@code -} when the pack was not loaded
     * @param mismatches  the failed items, in the pack's order; empty unless non-compliant
     * @param reason      why the verdict is unknown; null otherwise
     * @param durationUs  how long the check took, in microseconds
     * @param jobId       the reconcile job of the sweep that made the check; null when none
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Check(String pack, String packVersion, String verdict, int mismatchCount,
                        List<StoredMismatch> mismatches, @Nullable String reason, long durationUs,
                        Instant checkedAt, @Nullable UUID jobId) {
    }

    /** A failed item as stored: its id, the field, what was expected and what was found, for display. */
    @Serdeable
    public record StoredMismatch(String item, String field, String expected, String actual) {
    }
}

package dev.drift.service.api;

import dev.drift.service.compliance.CiCompliance;
import dev.drift.service.compliance.ComplianceHistory;
import dev.drift.service.compliance.HistoryQuery;
import dev.drift.service.model.CiKey;
import dev.drift.service.report.CiInspection;
import dev.drift.service.report.Times;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Optional;

/**
 * {@code GET /drift/cis/{ci}/compliance?pack=&limit=&since=}: a machine's latest verdict per pack and
 * its newest checks ({@link CiCompliance}). Bad parameters are a 400 problem naming the parameter; a
 * CI never checked and unknown to drift (see {@link CiInspection#known}) a 404 problem; a known CI
 * never checked has no packs.
 */
@Controller("/drift/cis")
@ExecuteOn(TaskExecutors.BLOCKING)
final class ComplianceController {
    private final ComplianceHistory history;
    private final CiInspection inspection;

    ComplianceController(ComplianceHistory history, CiInspection inspection) {
        this.history = history;
        this.inspection = inspection;
    }

    /**
     * At most {@code limit} checks per pack (default 30, at most 1,000), newest first, made at or
     * after {@code since}; every pack's latest verdict whatever the checks shown.
     */
    @Get("/{ci}/compliance")
    CiCompliance get(@PathVariable String ci, @QueryValue @Nullable String pack, @QueryValue @Nullable String limit,
                     @QueryValue @Nullable String since) {
        CiKey key = CisController.key(ci);
        HistoryQuery query = JsonBodies.valid(() -> HistoryQuery.parse(pack, limit, Times.parse("since", since)));
        return history.of(key, query)
                .or(() -> inspection.known(key) ? Optional.of(CiCompliance.unchecked(key)) : Optional.empty())
                .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "no CI " + ci
                        + ": it was never checked, the desired-state source does not know it and nothing was"
                        + " observed about it"));
    }
}

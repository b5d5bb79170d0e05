package dev.drift.service.api;

import dev.drift.service.model.CiKey;
import dev.drift.service.report.CiInspection;
import dev.drift.service.report.CiReport;
import dev.drift.service.system.InvalidInput;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * {@code GET /drift/cis/{ci}}: the CI's desired and actual state side by side with the verdict on
 * every monitored field ({@link CiReport}). 404 problem when the desired-state source does not know
 * the CI and nothing was ever observed about it; 503 problem when the source cannot answer.
 */
@Controller("/drift/cis")
@ExecuteOn(TaskExecutors.BLOCKING)
final class CisController {
    private final CiInspection inspection;

    CisController(CiInspection inspection) {
        this.inspection = inspection;
    }

    @Get("/{ci}")
    CiReport get(@PathVariable String ci) {
        CiKey key = key(ci);
        return inspection.inspect(key).orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "no CI " + ci
                + ": the desired-state source does not know it and nothing was observed about it"));
    }

    /** The CI id of a path; 400 problem when it cannot be one. */
    static CiKey key(String ci) {
        return JsonBodies.valid(() -> {
            try {
                return CiKey.of(ci);
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("ci", e.getMessage());
            }
        });
    }
}

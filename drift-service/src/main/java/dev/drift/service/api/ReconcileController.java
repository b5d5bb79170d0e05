package dev.drift.service.api;

import dev.drift.service.report.ReconcileJob;
import dev.drift.service.report.ReconcileJobs;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URI;
import java.util.UUID;

/**
 * Full reconciliation on demand: {@code POST /drift/reconcile} starts a sweep of every CI in the
 * background (202, or 409 problem while any instance runs one, on demand or scheduled);
 * {@code GET /drift/reconcile/{id}} shows how it goes ({@link ReconcileJob}), from any instance.
 */
@Controller("/drift/reconcile")
@ExecuteOn(TaskExecutors.BLOCKING)
final class ReconcileController {
    private final ReconcileJobs jobs;

    ReconcileController(ReconcileJobs jobs) {
        this.jobs = jobs;
    }

    @Post
    HttpResponse<ReconcileStarted> start() {
        return switch (jobs.start()) {
            case ReconcileJobs.Start.Started s -> HttpResponse.<ReconcileStarted>accepted()
                    .headers(h -> h.location(URI.create("/drift/reconcile/" + s.job().jobId())))
                    .body(new ReconcileStarted(s.job().jobId(), s.job().status(), s.job().startedAt()));
            case ReconcileJobs.Start.AlreadyRunning r -> throw new HttpStatusException(HttpStatus.CONFLICT,
                    r.jobId().map(id -> "reconcile job " + id + " is running; follow it at /drift/reconcile/" + id)
                            .orElse("another sweep is starting; try again in a moment"));
            case ReconcileJobs.Start.SlotTaken t -> throw new IllegalStateException("an on-demand sweep has no slot");
        };
    }

    @Get("/{id}")
    ReconcileJob get(@PathVariable UUID id) {
        return jobs.find(id).orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "no reconcile job " + id));
    }
}

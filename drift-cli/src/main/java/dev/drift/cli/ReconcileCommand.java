package dev.drift.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code reconcile [--wait]}: starts a sweep of every CI ({@code --job ID}: follows one already
 * started instead). With {@code --wait} it polls the job until it is no longer running and prints
 * the outcome; a failed or interrupted sweep (its instance stopped) exits {@link Exit#UNAVAILABLE}.
 */
@Command(name = "reconcile", description = "Start a sweep of every CI; with --wait, wait for its outcome.")
final class ReconcileCommand implements Callable<Integer> {
    private final Supplier<DriftApi> api;

    @Spec
    CommandSpec spec;

    @Option(names = "--wait", description = "Poll the job until it has finished and print the outcome.")
    boolean await;

    @Option(names = "--job", paramLabel = "ID", description = "Show (with --wait: follow) this job instead of starting one.")
    UUID job;

    @Option(names = "--poll-interval", paramLabel = "DURATION", defaultValue = "2s", converter = DurationConverter.class,
            description = "How often --wait asks, such as 500ms or 5s (default: ${DEFAULT-VALUE}).")
    Duration pollInterval;

    ReconcileCommand(Supplier<DriftApi> api) {
        this.api = api;
    }

    @Override
    public Integer call() throws InterruptedException {
        DriftApi drift = api.get();
        PrintWriter out = spec.commandLine().getOut();
        Wire.ReconcileJob current = job == null
                ? Json.read(drift.post("/drift/reconcile", null), Wire.ReconcileJob.class)
                : fetch(drift, job);
        if (job == null) {
            out.printf("Reconcile job %s started at %s.%n", current.jobId(), current.startedAt());
        }
        if (await) {
            current = untilFinished(drift, current);
        }
        if (job != null || await) {
            out.println(describe(current));
        }
        return switch (current.status()) {
            case "failed", "interrupted" -> Exit.UNAVAILABLE;
            default -> Exit.OK;
        };
    }

    private Wire.ReconcileJob untilFinished(DriftApi drift, Wire.ReconcileJob started) throws InterruptedException {
        Wire.ReconcileJob current = started;
        while (current.running()) {
            Thread.sleep(pollInterval);
            current = fetch(drift, current.jobId());
        }
        return current;
    }

    private static Wire.ReconcileJob fetch(DriftApi drift, UUID id) {
        return Json.read(drift.get("/drift/reconcile/" + id), Wire.ReconcileJob.class);
    }

    private static String describe(Wire.ReconcileJob j) {
        String progress = j.cisDone() + "/" + j.cisTotal() + " CIs, " + j.ledgerChanges() + " ledger changes, "
                + j.deferred() + " deferred";
        String name = "Reconcile job " + j.jobId()
                + (j.scheduledFor() == null ? "" : " (scheduled for " + j.scheduledFor() + ")");
        return switch (j.status()) {
            case "succeeded" -> name + " succeeded at " + j.finishedAt() + ": " + progress + ".";
            case "failed" -> name + " failed at " + j.finishedAt() + ": " + j.error() + " (" + progress + ").";
            case "interrupted" -> name + " was interrupted at " + j.finishedAt() + ": " + j.error()
                    + " (" + progress + ").";
            default -> name + " is " + j.status() + ": " + progress + ".";
        };
    }
}

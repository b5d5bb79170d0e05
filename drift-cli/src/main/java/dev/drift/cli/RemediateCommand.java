package dev.drift.cli;

import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code remediate ID [--dry-run] [--comment TEXT]}: asks for the remediation of the drift's policy
 * (asking is the approval). The run is queued; its outcome shows in {@code show ID}'s actions.
 */
@Command(name = "remediate", description = "Run the remediation of the drift's policy (asking approves it).")
final class RemediateCommand implements Callable<Integer> {
    private final Supplier<DriftApi> api;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The drift event's id.")
    UUID id;

    @Option(names = "--dry-run", description = "Check mode with diff: the output is stored on the event, nothing changes.")
    boolean dryRun;

    @Option(names = "--comment", description = "Why (recorded in the history).")
    String comment;

    RemediateCommand(Supplier<DriftApi> api) {
        this.api = api;
    }

    @Override
    public Integer call() {
        String body = api.get().post("/drift/events/" + id + "/remediate", new Wire.Remediate(dryRun, comment));
        Wire.RemediateAccepted accepted = Json.read(body, Wire.RemediateAccepted.class);
        spec.commandLine().getOut().printf("Remediation%s queued for drift %s (action %s); follow it with: drift-cli show %s%n",
                accepted.dryRun() ? " dry run" : "", accepted.driftId(), accepted.actionKey(), accepted.driftId());
        return Exit.OK;
    }
}

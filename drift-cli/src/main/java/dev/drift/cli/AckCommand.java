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
 * {@code ack ID --comment TEXT}: acknowledges an open or escalated drift; repeat notifications stop,
 * its resolution is still announced. The service records the token's name; {@code by} counts only
 * where security is switched off.
 */
@Command(name = "ack", description = "Acknowledge a drift event: notifications stop, it still resolves.")
final class AckCommand implements Callable<Integer> {
    private final Supplier<DriftApi> api;
    private final Env env;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The drift event's id.")
    UUID id;

    @Option(names = "--comment", required = true, description = "Why (required; recorded in the history).")
    String comment;

    @Option(names = "--by", description = "Who, where the service runs without tokens (default: USER).")
    String by;

    AckCommand(Supplier<DriftApi> api, Env env) {
        this.api = api;
        this.env = env;
    }

    @Override
    public Integer call() {
        String body = api.get().post("/drift/events/" + id + "/acknowledge",
                new Wire.Acknowledge(comment, by != null ? by : env.get("USER")));
        Wire.EventDetail detail = Json.read(body, Wire.EventDetail.class);
        spec.commandLine().getOut().printf("Acknowledged drift %s: now %s.%n", id, detail.event().status());
        return Exit.OK;
    }
}

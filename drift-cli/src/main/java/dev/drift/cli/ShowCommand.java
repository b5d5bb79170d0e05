package dev.drift.cli;

import java.io.PrintWriter;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code show ID}: one drift event with its history and the actions taken about it. */
@Command(name = "show", description = "Show one drift event with its history and actions.")
final class ShowCommand implements Callable<Integer> {
    private final Supplier<DriftApi> api;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The drift event's id.")
    UUID id;

    @Option(names = "--json", description = "Print the service's JSON as it is.")
    boolean json;

    ShowCommand(Supplier<DriftApi> api) {
        this.api = api;
    }

    @Override
    public Integer call() {
        String body = api.get().get("/drift/events/" + id);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(body);
        } else {
            print(Json.read(body, Wire.EventDetail.class), out);
        }
        return Exit.OK;
    }

    /** The detail as text; shared with {@code ack}, which answers with the detail too. */
    static void print(Wire.EventDetail detail, PrintWriter out) {
        printEvent(detail.event(), out);
        out.println();
        out.println("History");
        Table history = new Table("AT", "FROM", "TO", "ACTOR", "DETAIL");
        for (Wire.History h : detail.history()) {
            history.row(h.at(), orDash(h.fromStatus()), h.toStatus(), h.actor(), Json.brief(h.detail()));
        }
        history.print(out);
        out.println();
        if (detail.actions().isEmpty()) {
            out.println("Actions: none");
            return;
        }
        out.println("Actions");
        Table actions = new Table("ID", "KIND", "TARGET", "TRANSITION", "STATE", "ATTEMPTS", "CREATED", "COMPLETED",
                "RESULT");
        for (Wire.Action a : detail.actions()) {
            actions.row(Long.toString(a.id()), a.kind(), a.target(), a.transition(), a.state(),
                    Integer.toString(a.attempts()), a.createdAt(), orDash(a.completedAt()),
                    a.lastError() != null ? "error: " + a.lastError() : Json.brief(a.result()));
        }
        actions.print(out);
    }

    private static void printEvent(Wire.Event e, PrintWriter out) {
        out.printf("Drift %s: %s, %s%n", e.id(), e.status(), e.severity());
        line(out, "CI", e.ciId() + " (" + e.ciType() + ")");
        line(out, "Field", e.field());
        line(out, "Category", e.category());
        line(out, "Desired", Json.brief(e.desired()));
        line(out, "Actual", Json.brief(e.actual()) + "  (from " + e.actualSource() + " at " + e.actualObservedAt() + ")");
        line(out, "Detected", e.firstDetectedAt() + ", last seen " + e.lastSeenAt() + ", " + e.occurrenceCount()
                + (e.occurrenceCount() == 1 ? " time" : " times"));
        optional(out, "Resolved", e.resolvedAt() == null ? null : e.resolvedAt() + " by " + e.resolvedBy());
        optional(out, "Suppressed", e.suppressedBy());
        optional(out, "Change", e.changeRequest());
        optional(out, "Incident", e.incident());
    }

    private static void optional(PrintWriter out, String label, String value) {
        if (value != null) {
            line(out, label, value);
        }
    }

    private static void line(PrintWriter out, String label, String value) {
        out.printf("  %-11s%s%n", label, value);
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }
}

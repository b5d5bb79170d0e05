package dev.drift.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code list}: drift events matching the filters, newest first, as a table or the raw page. With
 * {@code --fail-on}, exits {@link Exit#DRIFT_FOUND} when any event matching the filters (not only the
 * ones shown) has that severity or a higher one.
 */
@Command(name = "list", description = "List drift events, newest first.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ok (with --fail-on: no drift at or above that severity)",
            "1:usage error: nothing was sent",
            "2:the API refused the request (4xx); its problem detail is printed",
            "3:service unreachable, no answer within --timeout, or a server error (5xx)",
            "4:--fail-on: drift at or above that severity exists"})
final class ListCommand implements Callable<Integer> {
    static final int MAX_LIMIT = 500;
    private static final int VALUE_WIDTH = 32;

    private final Supplier<DriftApi> api;

    @Spec
    CommandSpec spec;

    @Option(names = "--status", description = "open, acknowledged, remediating, resolved, escalated, excepted or expected.")
    String status;

    @Option(names = "--severity", description = "Only this severity: info, warning, high or critical.")
    Severity severity;

    @Option(names = "--category", description = "Only this category, such as security or state.")
    String category;

    @Option(names = "--ci", description = "Only this CI.")
    String ci;

    @Option(names = "--ci-type", description = "Only this CI type, such as vm or switch.")
    String ciType;

    @Option(names = "--limit", defaultValue = "50", description = "At most this many events, 1 to " + MAX_LIMIT
            + " (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print the service's JSON page as it is.")
    boolean json;

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "Exit 4 when drift matching the filters has this severity or a higher one: "
                    + "info, warning, high or critical. Combine with --status open.")
    Severity failOn;

    ListCommand(Supplier<DriftApi> api) {
        this.api = api;
    }

    @Override
    public Integer call() {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ParameterException(spec.commandLine(),
                    "--limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        DriftApi drift = api.get();
        String body = drift.get("/drift/events", query(severity, limit));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(body);
        } else {
            print(Json.read(body, Wire.EventPage.class), out);
        }
        return failOn == null ? Exit.OK : failOn(drift);
    }

    private Map<String, String> query(Severity only, int size) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("status", status);
        query.put("severity", only == null ? null : only.wireName());
        query.put("category", category);
        query.put("ci", ci);
        query.put("ci_type", ciType);
        query.put("size", Integer.toString(size));
        return query;
    }

    private void print(Wire.EventPage page, PrintWriter out) {
        if (page.items().isEmpty()) {
            out.println("No drift events match.");
            return;
        }
        Table table = new Table("ID", "CI", "FIELD", "SEVERITY", "STATUS", "DESIRED", "ACTUAL", "FIRST DETECTED");
        for (Wire.Event e : page.items()) {
            table.row(e.id().toString(), e.ciId(), e.field(), e.severity(), e.status(),
                    Table.cut(Json.brief(e.desired()), VALUE_WIDTH), Table.cut(Json.brief(e.actual()), VALUE_WIDTH),
                    e.firstDetectedAt());
        }
        table.print(out);
        if (page.total() > page.items().size() || !page.totalExact()) {
            out.printf("%d of %s%d events shown; narrow the filters or raise --limit.%n", page.items().size(),
                    page.totalExact() ? "" : "more than ", page.total());
        }
    }

    /** Counts, per severity at or above the threshold, the events matching the filters: one small page each. */
    private int failOn(DriftApi drift) {
        List<Severity> counted = failOn.andAbove().stream().filter(s -> severity == null || s == severity).toList();
        long found = 0;
        for (Severity s : counted) {
            found += Json.read(drift.get("/drift/events", query(s, 1)), Wire.EventPage.class).total();
        }
        if (found == 0) {
            return Exit.OK;
        }
        spec.commandLine().getErr().printf("drift-cli: %d drift event%s at or above %s%n",
                found, found == 1 ? "" : "s", failOn.wireName());
        return Exit.DRIFT_FOUND;
    }
}

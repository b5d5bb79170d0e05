package dev.drift.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code report}: drift first detected in a range, counted, and the mean time to resolve it. */
@Command(name = "report", description = "Count drift by severity, status, category and CI type; mean time to resolve.")
final class ReportCommand implements Callable<Integer> {
    private final Supplier<DriftApi> api;

    @Spec
    CommandSpec spec;

    @Option(names = "--since", paramLabel = "TIME", description = "First detected at or after, RFC 3339 (default: the first event).")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "First detected before, RFC 3339 (default: now).")
    String until;

    @Option(names = "--json", description = "Print the service's JSON as it is.")
    boolean json;

    ReportCommand(Supplier<DriftApi> api) {
        this.api = api;
    }

    @Override
    public Integer call() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("since", since);
        query.put("until", until);
        String body = api.get().get("/drift/report", query);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(body);
        } else {
            print(Json.read(body, Wire.Report.class), out);
        }
        return Exit.OK;
    }

    private static void print(Wire.Report r, PrintWriter out) {
        out.printf("Drift first detected %s to %s: %d events%n", r.since() == null ? "ever" : "from " + r.since(),
                r.until(), r.total());
        out.printf("  %-13s%s%n", "severity", counts(r.bySeverity()));
        out.printf("  %-13s%s%n", "status", counts(r.byStatus()));
        out.printf("  %-13s%s%n", "category", counts(r.byCategory()));
        out.printf("  %-13s%s%n", "CI type", counts(r.byCiType()));
        Wire.MeanTimeToResolve mttr = r.meanTimeToResolve();
        StringJoiner bySeverity = new StringJoiner(", ");
        mttr.bySeverity().forEach((severity, mean) -> bySeverity.add(severity + " " + duration(mean.meanSeconds())));
        out.printf("  %-13s%s over %d resolved (%s)%n", "resolve time", duration(mttr.meanSeconds()), mttr.resolved(),
                bySeverity);
    }

    private static String counts(Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return "-";
        }
        StringJoiner joined = new StringJoiner(", ");
        counts.forEach((name, count) -> joined.add(name + " " + count));
        return joined.toString();
    }

    /** A mean as {@code 1h 2m 3s}; {@code -} when there is none. */
    static String duration(Double seconds) {
        if (seconds == null) {
            return "-";
        }
        Duration d = Duration.ofMillis(Math.round(seconds * 1000));
        if (d.toHours() > 0) {
            return d.toHours() + "h " + d.toMinutesPart() + "m";
        }
        if (d.toMinutes() > 0) {
            return d.toMinutes() + "m " + d.toSecondsPart() + "s";
        }
        return d.toSecondsPart() + "s";
    }
}

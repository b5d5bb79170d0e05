package dev.drift.demo.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drift.embedded.EmbeddedServers;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * {@code ./drift bench-api [rows...] [--requests=N]}: how {@code GET /drift/events} grows with the ledger (default
 * 10,000, 100,000 and 1,000,000 rows); goal: p99 under 50 ms at 1,000,000 rows.
 *
 * <p>The service runs in its own JVM ({@link ServiceProcess}) on embedded PostgreSQL, with bearer
 * tokens on (the bootstrap token, rate limit raised out of the way) and actions, remediation and the
 * scheduled sweep off, so that only the API works. For each size, ascending, the ledger is filled
 * straight in SQL ({@link LedgerFill}) and vacuumed and analyzed; then each query is sent
 * {@value #WARM_UP} times untimed (and, before the first size, {@value #JIT_WARM_UP} times for the JIT)
 * and {@code requests} times timed (default 200), one after the
 * other, from the bench's JVM over loopback: the first page, page 50 through the keyset cursor and
 * by offset, and the first page filtered by status, CI, severity and since. The baseline is the
 * same query at the first (smallest) size.
 */
public final class ApiBench {
    private static final int WARM_UP = 20;
    private static final int JIT_WARM_UP = 150;
    private static final String REQUESTS = "--requests=";
    private static final String TOKEN = "bench-bootstrap-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServiceProcess service;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private ApiBench(ServiceProcess service) {
        this.service = service;
    }

    /** One query's figures at one ledger size. */
    private record Figure(String query, long rows, long matches, Percentiles latency) {
    }

    public static void main(String[] args) throws Exception {
        int requests = Arrays.stream(args).filter(a -> a.startsWith(REQUESTS)).findFirst()
                .map(a -> Integer.parseInt(a.substring(REQUESTS.length()))).orElse(200);
        List<Long> given = Arrays.stream(args).filter(a -> !a.startsWith(REQUESTS)).map(Long::parseLong).sorted()
                .toList();
        List<Long> sizes = given.isEmpty() ? List.of(10_000L, 100_000L, 1_000_000L) : given;
        Path desired = Files.createTempDirectory("drift-bench-desired-");
        try (EmbeddedServers servers = EmbeddedServers.start();
             Connection db = DriverManager.getConnection(servers.jdbcUrl(), servers.dbUser(), servers.dbPassword());
             ServiceProcess service = ServiceProcess.start(servers, Map.of(
                     "drift.desired.file.directory", desired,
                     "drift.compliance.packs-directory", Path.of("deploy/packs").toAbsolutePath(),
                     "drift.security.bootstrap-admin-token", TOKEN,
                     "drift.security.rate-limit", 1_000_000,
                     "drift.actions.enabled", false,
                     "drift.remediation.enabled", false,
                     "drift.sweep.enabled", false))) {
            System.out.printf("drift bench-api: ledger sizes %s, %d timed requests per query (%d warm-up)%n",
                    sizes, requests, WARM_UP);
            ApiBench bench = new ApiBench(service);
            LedgerFill ledger = new LedgerFill(db, Instant.now().truncatedTo(ChronoUnit.SECONDS));
            List<Figure> figures = new ArrayList<>();
            for (long rows : sizes) {
                long start = System.nanoTime();
                ledger.fillTo(rows);
                System.out.printf("  %,d rows (%,d active) filled and analyzed in %.1f s (%.0f %% all-visible); load average %s%n",
                        ledger.count(), ledger.active(), (System.nanoTime() - start) / 1e9, 100 * ledger.allVisible(),
                        loadAverage());
                Map<String, IntFunction<String>> queries = bench.queries();
                if (rows == sizes.getFirst()) {
                    bench.warmUpJit(queries);
                }
                for (Map.Entry<String, IntFunction<String>> query : queries.entrySet()) {
                    Figure figure = bench.measure(query.getKey(), query.getValue(), rows, requests);
                    figures.add(figure);
                    System.out.printf("    %-28s %,9d matches  p50 %7.2f ms  p99 %7.2f ms%n", figure.query(),
                            figure.matches(), figure.latency().p50(), figure.latency().p99());
                }
            }
            print(figures, sizes);
        }
    }

    /**
     * The queries, by name: each gives the path and query of its {@code n}-th request (the CI
     * filter walks over the CIs; the others repeat).
     */
    private Map<String, IntFunction<String>> queries() throws IOException, InterruptedException {
        String since = URLEncoder.encode(Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS)
                .toString(), StandardCharsets.UTF_8);
        String page50 = "/drift/events?cursor=" + URLEncoder.encode(cursorOfPage(50), StandardCharsets.UTF_8);
        Map<String, IntFunction<String>> queries = new LinkedHashMap<>();
        queries.put("first page", n -> "/drift/events");
        queries.put("page 50 by cursor", n -> page50);
        queries.put("page 50 by offset", n -> "/drift/events?page=49");
        queries.put("status=open", n -> "/drift/events?status=open");
        queries.put("ci=<one of 10,000>", n -> "/drift/events?ci=bench-ci-" + (n * 7_919L) % LedgerFill.CIS);
        queries.put("severity=critical", n -> "/drift/events?severity=critical");
        queries.put("since=24 h ago", n -> "/drift/events?since=" + since);
        return queries;
    }

    /**
     * Sends every query {@value #JIT_WARM_UP} times before the first measure, so that the service's
     * JIT has compiled the request path and the smallest ledger is not measured in the interpreter.
     */
    private void warmUpJit(Map<String, IntFunction<String>> queries) throws IOException, InterruptedException {
        for (int i = 0; i < JIT_WARM_UP; i++) {
            for (IntFunction<String> query : queries.values()) {
                get(query.apply(i));
            }
        }
    }

    /** Follows {@code next_cursor} from the first page to the cursor that starts page {@code page} (size 50). */
    private String cursorOfPage(int page) throws IOException, InterruptedException {
        String cursor = null;
        for (int p = 1; p < page; p++) {
            JsonNode body = get("/drift/events" + (cursor == null ? ""
                    : "?cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            cursor = body.path("next_cursor").asText(null);
            if (cursor == null) {
                throw new IOException("the ledger has fewer than " + page + " pages");
            }
        }
        return cursor;
    }

    private Figure measure(String name, IntFunction<String> query, long rows, int requests)
            throws IOException, InterruptedException {
        long matches = get(query.apply(0)).path("total").asLong();
        for (int i = 0; i < WARM_UP; i++) {
            get(query.apply(i));
        }
        long[] nanos = new long[requests];
        for (int i = 0; i < requests; i++) {
            HttpRequest request = request(query.apply(i));
            long start = System.nanoTime();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            nanos[i] = System.nanoTime() - start;
            check(response, request);
        }
        return new Figure(name, rows, matches, Percentiles.of(nanos));
    }

    private JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest request = request(pathAndQuery);
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        check(response, request);
        return JSON.readTree(response.body());
    }

    private HttpRequest request(String pathAndQuery) {
        return HttpRequest.newBuilder(service.uri(pathAndQuery)).header("Authorization", "Bearer " + TOKEN)
                .timeout(Duration.ofSeconds(30)).build();
    }

    private static void check(HttpResponse<byte[]> response, HttpRequest request) throws IOException {
        if (response.statusCode() != 200) {
            throw new IOException(request.uri() + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
    }

    /** The machine's load over the last 1, 5 and 15 minutes: the benches share two cores with others. */
    static String loadAverage() {
        try {
            String[] load = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return load[0] + " " + load[1] + " " + load[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void print(List<Figure> figures, List<Long> sizes) {
        long base = sizes.getFirst();
        long largest = sizes.getLast();
        System.out.println();
        System.out.printf("GET /drift/events, p50 / p99 in ms (ratio: p99 / p99 at %,d rows)%n", base);
        StringBuilder header = new StringBuilder(String.format("  %-22s", "query"));
        sizes.forEach(n -> header.append(String.format(" %22s", String.format("%,d rows", n))));
        System.out.println(header);
        Map<String, List<Figure>> byQuery = new LinkedHashMap<>();
        figures.forEach(f -> byQuery.computeIfAbsent(f.query(), q -> new ArrayList<>()).add(f));
        double worst = 0;
        for (Map.Entry<String, List<Figure>> q : byQuery.entrySet()) {
            double baseP99 = q.getValue().getFirst().latency().p99();
            StringBuilder line = new StringBuilder(String.format("  %-22s", q.getKey()));
            for (Figure f : q.getValue()) {
                line.append(String.format(" %6.1f / %6.1f (%4.1f×)", f.latency().p50(), f.latency().p99(),
                        f.latency().p99() / baseP99));
                if (f.rows() == largest) {
                    worst = Math.max(worst, f.latency().p99());
                }
            }
            System.out.println(line);
        }
        byQuery.forEach((query, byRows) -> new BenchSummary("api", "GET /drift/events %s, p99 at %,d rows"
                .formatted(query, largest), BenchSummary.number(byRows.getLast().latency().p99(), "%.1f ms"),
                BenchSummary.number(byRows.getFirst().latency().p99(), "%.1f ms at " + String.format("%,d", base)),
                BenchSummary.number(byRows.getLast().latency().p99() / byRows.getFirst().latency().p99(), "%.1f"),
                largest >= 1_000_000 ? "< 50 ms" : "-", largest >= 1_000_000
                        ? BenchSummary.Met.of(byRows.getLast().latency().p99() < 50) : BenchSummary.Met.NONE).record());
        System.out.printf("  worst p99 at %,d rows: %.1f ms (goal < 50 ms at 1,000,000 rows: %s)%n", largest, worst,
                largest < 1_000_000 ? "not measured" : worst < 50 ? "met" : "not met");
    }
}

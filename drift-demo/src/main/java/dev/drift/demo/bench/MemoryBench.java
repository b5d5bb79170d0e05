package dev.drift.demo.bench;

import dev.drift.embedded.EmbeddedServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code ./drift bench-memory [events] [cis]}: the service's memory after N events (default
 * 1,000,000 over 10,000 CIs) and whether it stays flat.
 *
 * <p>The service runs in its own JVM ({@link ServiceProcess}: the image's class path and JVM flags
 * under the Deployment's 1 GiB limit) on embedded PostgreSQL and Redis. After an idle baseline, the
 * events are fed in chunks of 100,000 power events: in each round over the CIs a tenth of them are
 * off (each opens a drift), the tenth that was off the round before is on again (each resolves
 * one), and the rest confirm the desired state. After each chunk is fully processed (every entry
 * acknowledged, every reconcile served, every message published, every notification delivered)
 * the resident set ({@code VmRSS}) and the heap in use after a forced full GC are sampled.
 * Prints the table, the ratio final/idle RSS, and the slope over the second half (MB per 100,000
 * events): the "stays flat" figure.
 */
public final class MemoryBench {
    private static final int CHUNK = 100_000;

    private MemoryBench() {
    }

    /** One row of the table: memory after {@code events} events, and how long the chunk took. */
    private record Row(long events, double rssMb, JvmMemory.Heap heap, double seconds) {
        double heapMb() {
            return heap.usedKb() / 1024;
        }

        static Row sample(ServiceProcess service, long events, double seconds) throws IOException {
            JvmMemory.Heap heap = service.heapAfterGc();
            return new Row(events, service.rssMb(), heap, seconds);
        }
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int cis = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        Path desired = BenchEvents.desiredState(cis);
        try (EmbeddedServers servers = EmbeddedServers.start();
             RedisClient client = RedisClient.create(servers.redisUri());
             StatefulRedisConnection<String, String> redis = client.connect();
             Connection db = DriverManager.getConnection(servers.jdbcUrl(), servers.dbUser(), servers.dbPassword());
             ServiceProcess service = ServiceProcess.start(servers, Map.of(
                     "drift.desired.file.directory", desired,
                     "drift.compliance.packs-directory", Path.of("deploy/packs").toAbsolutePath(),
                     "drift.sweep.enabled", false))) {
            System.out.printf("drift bench-memory: %,d events over %,d CIs in chunks of %,d; service pid %d, JVM flags %s%n",
                    events, cis, CHUNK, service.pid(), String.join(" ", ServiceProcess.JVM_FLAGS));
            ServiceProcess.pause(Duration.ofSeconds(10));
            Row idle = Row.sample(service, 0, 0);
            System.out.printf("  idle after startup: RSS %.1f MB, heap after GC %.1f MB%n", idle.rssMb(), idle.heapMb());
            List<Row> rows = new ArrayList<>();
            for (long fed = 0; fed < events; ) {
                int chunk = (int) Math.min(CHUNK, events - fed);
                long start = System.nanoTime();
                long from = fed;
                BenchEvents.append(redis, chunk, n -> event(from + n, cis));
                awaitProcessed(redis.sync(), db);
                fed += chunk;
                double seconds = (System.nanoTime() - start) / 1e9;
                redis.sync().xtrim(BenchEvents.STREAM, 0);
                Row row = Row.sample(service, fed, seconds);
                rows.add(row);
                System.out.printf("  %,9d events  RSS %7.1f MB  heap after GC %6.1f MB  (chunk %5.1f s, %,6.0f events/s, load %s)%n",
                        row.events(), row.rssMb(), row.heapMb(), seconds, chunk / seconds, ApiBench.loadAverage());
            }
            print(idle, rows, ledgerRows(db));
        }
    }

    /**
     * The n-th event: CI {@code n % cis} in round {@code n / cis} is off when {@code (ci + round) % 10 == 0};
     * so each round opens a drift on a tenth of the CIs and resolves those of the round before.
     */
    static Map<String, String> event(long n, int cis) {
        int ci = (int) (n % cis);
        long round = n / cis;
        boolean off = (ci + round) % 10 == 0;
        return Map.of("payload", "{\"ci_id\":\"" + BenchEvents.ci(ci) + "\",\"power_state\":\""
                + (off ? "off" : "on") + "\"}");
    }

    /**
     * Waits until the service has delivered and acknowledged every entry of the stream and nothing
     * is left to do: no reconcile request, no unpublished outbox message, no pending notification.
     */
    private static void awaitProcessed(RedisCommands<String, String> redis, Connection db)
            throws SQLException {
        String lastId = ServiceGroup.lastId(redis);
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (ServiceGroup.acknowledgedThrough(redis, lastId) && idle(db)) {
                return;
            }
            ServiceProcess.pause(Duration.ofMillis(250));
        }
        throw new IllegalStateException("the service did not process the chunk within 30 minutes");
    }

    private static boolean idle(Connection db) throws SQLException {
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("""
                     select (select count(*) from reconcile_request),
                            (select count(*) from outbox where published_at is null),
                            (select count(*) from drift_action where state = 'pending')""")) {
            rs.next();
            return rs.getLong(1) == 0 && rs.getLong(2) == 0 && rs.getLong(3) == 0;
        }
    }

    private static String ledgerRows(Connection db) throws SQLException {
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("""
                     select (select count(*) from drift_event), (select count(*) from drift_event where status <> 'resolved'),
                            (select count(*) from drift_history), (select count(*) from processed_entry)""")) {
            rs.next();
            return String.format("ledger: %,d drift events (%,d open), %,d history rows, %,d processed entries",
                    rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
        }
    }

    private static void print(Row idle, List<Row> rows, String ledger) {
        Row last = rows.getLast();
        System.out.println();
        System.out.println("service memory (own JVM, " + String.join(" ", ServiceProcess.JVM_FLAGS) + ")");
        System.out.printf("  %12s %10s %18s %19s %14s%n", "events", "RSS MB", "heap after GC MB", "heap committed MB",
                "metaspace MB");
        Stream.concat(Stream.of(idle), rows.stream()).forEach(r -> System.out.printf(
                "  %12s %10.1f %18.1f %19.1f %14.1f%n", r.events() == 0 ? "idle" : String.format("%,d", r.events()),
                r.rssMb(), r.heapMb(), r.heap().committedKb() / 1024, r.heap().metaspaceKb() / 1024));
        System.out.printf("  RSS after %,d events: %.1f MB (goal < 300 MB: %s), ratio to idle %.2f%n", last.events(),
                last.rssMb(), last.rssMb() < 300 ? "met" : "not met", last.rssMb() / idle.rssMb());
        new BenchSummary("memory", "service RSS after %,d events".formatted(last.events()),
                BenchSummary.number(last.rssMb(), "%.0f MB"), BenchSummary.number(idle.rssMb(), "%.0f MB idle"),
                BenchSummary.number(last.rssMb() / idle.rssMb(), "%.2f"), "< 300 MB",
                BenchSummary.Met.of(last.rssMb() < 300)).record();
        if (rows.size() >= 3) {
            List<Trend.Sample> rss = rows.stream().map(r -> new Trend.Sample(r.events(), r.rssMb())).toList();
            List<Trend.Sample> heap = rows.stream().map(r -> new Trend.Sample(r.events(), r.heapMb())).toList();
            System.out.printf("  slope over the second half: RSS %+.2f MB, heap after GC %+.2f MB per 100,000 events%n",
                    Trend.secondHalfSlope(rss, 100_000), Trend.secondHalfSlope(heap, 100_000));
            new BenchSummary("memory", "growth over the second half, RSS / heap after GC",
                    BenchSummary.number(Trend.secondHalfSlope(rss, 100_000), "%+.2f") + " / "
                            + BenchSummary.number(Trend.secondHalfSlope(heap, 100_000), "%+.2f MB per 100k events"),
                    "-", "-", "flat", BenchSummary.Met.NONE).record();
        } else {
            System.out.println("  (a slope needs at least 3 chunks of 100,000 events)");
        }
        double total = rows.stream().mapToDouble(Row::seconds).sum();
        System.out.printf("  %,d events in %.0f s (%,.0f events/s); %s%n", last.events(), total, last.events() / total,
                ledger);
    }
}

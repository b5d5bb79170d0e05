package dev.drift.demo.bench;

import dev.drift.embedded.EmbeddedServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * {@code ./drift bench-growth [--rows=10000,100000,1000000] [--cis=1000,10000,100000] [--events=N]}:
 * how the full pipeline's rate grows with the ledger and with the number of CIs (issue 9, "how each
 * figure grows with N").
 *
 * <p>The service runs in its own JVM ({@link ServiceProcess}) on embedded PostgreSQL and Redis, with
 * its shipped policies (every drift notified). Each measure appends {@code events} power events (each
 * a drift transition; {@link BenchEvents}) as fast as Redis takes them, and times from the first
 * append until every entry is acknowledged, no reconcile request is left and every message is
 * published; the notifications are then delivered, untimed. Part one grows the ledger
 * ({@link LedgerFill}: drift rows, a tenth of the newest 100,000 open; each with its delivered
 * opening notification, as a ledger of that age would have) with events over 1,000 CIs; part two
 * keeps the largest ledger and spreads the events over more CIs. The baseline of each part is its
 * first measure.
 */
public final class GrowthBench {
    private static final String ANNOUNCE = """
            insert into drift_action (drift_id, kind, target, transition, idempotency_key, payload, state,
                                      completed_at, result)
            select id, 'notify', 'default', 'opened', id || ':opened:default', '{}', 'delivered', first_detected_at,
                   '{"reference":"bench"}'
              from drift_event e
             where ci_id like 'bench-ci-%' and not exists (select 1 from drift_action a where a.drift_id = e.id)""";

    private GrowthBench() {
    }

    /** One measure: the ledger and CI count it ran with, and the pipeline's rate. */
    private record Figure(long rows, long active, long actions, int cis, double rate) {
    }

    public static void main(String[] args) throws Exception {
        List<Long> sizes = option(args, "--rows=", "10000,100000,1000000").stream().map(Long::parseLong).toList();
        List<Integer> ciCounts = option(args, "--cis=", "1000,10000,100000").stream().map(Integer::parseInt).toList();
        int events = Integer.parseInt(option(args, "--events=", "20000").getFirst());
        int maxCis = ciCounts.stream().mapToInt(Integer::intValue).max().orElse(1_000);
        Path desired = BenchEvents.desiredState(Math.max(maxCis, 1_000));
        try (EmbeddedServers servers = EmbeddedServers.start();
             Connection db = DriverManager.getConnection(servers.jdbcUrl(), servers.dbUser(), servers.dbPassword());
             RedisClient client = RedisClient.create(servers.redisUri());
             StatefulRedisConnection<String, String> redis = client.connect()) {
            redis.sync().xgroupCreate(XReadArgs.StreamOffset.from(BenchEvents.STREAM, "$"), ServiceGroup.NAME,
                    XGroupCreateArgs.Builder.mkstream());
            try (ServiceProcess service = ServiceProcess.start(servers, Map.of(
                    "drift.desired.file.directory", desired,
                    "drift.compliance.packs-directory", Path.of("deploy/packs").toAbsolutePath(),
                    "drift.ingest.batch-size", 256,
                    "drift.sweep.enabled", false))) {
                System.out.printf("drift bench-growth: %,d events per measure; ledger rows %s; CIs %s%n", events,
                        sizes, ciCounts);
                LedgerFill ledger = new LedgerFill(db, Instant.now().truncatedTo(ChronoUnit.SECONDS));
                measure(redis, db, 1_000, events);
                List<Figure> byRows = new ArrayList<>();
                for (long rows : sizes) {
                    ledger.fillTo(rows);
                    long actions = announce(db);
                    byRows.add(new Figure(ledger.count(), ledger.active(), actions, 1_000, measure(redis, db, 1_000, events)));
                    print(byRows.getLast(), byRows.getFirst());
                }
                List<Figure> byCis = new ArrayList<>();
                for (int cis : ciCounts) {
                    byCis.add(new Figure(ledger.count(), ledger.active(), actions(db), cis, measure(redis, db, cis, events)));
                    print(byCis.getLast(), byCis.getFirst());
                }
                summarize(byRows, "ledger rows", Figure::rows);
                summarize(byCis, "CIs", Figure::cis);
            }
        }
    }

    /**
     * Appends {@code events} transitions over {@code cis} CIs, numbered from 0 so that each CI first
     * drifts (the previous measure left every CI compliant, or never touched it); returns events/s.
     */
    private static double measure(StatefulRedisConnection<String, String> redis, Connection db, int cis, int events)
            throws SQLException, InterruptedException {
        long start = System.nanoTime();
        BenchEvents.append(redis, events, n -> BenchEvents.event(n, cis));
        String lastId = ServiceGroup.lastId(redis.sync());
        while (!ServiceGroup.acknowledgedThrough(redis.sync(), lastId) || !ServiceGroup.settled(db)) {
            Thread.sleep(10);
        }
        double rate = events / ((System.nanoTime() - start) / 1e9);
        IngestBench.awaitActionsDelivered(db);
        if (events % (2 * cis) != 0) {
            resolveAll(redis, db, cis, events);
        }
        return rate;
    }

    /** Brings every CI the measure left drifting back to its desired state (untimed). */
    private static void resolveAll(StatefulRedisConnection<String, String> redis, Connection db, int cis, int events)
            throws SQLException, InterruptedException {
        BenchEvents.append(redis, Math.min(cis, events), n -> Map.of("payload",
                "{\"ci_id\":\"" + BenchEvents.ci((int) n) + "\",\"power_state\":\"on\"}"));
        String lastId = ServiceGroup.lastId(redis.sync());
        while (!ServiceGroup.acknowledgedThrough(redis.sync(), lastId) || !ServiceGroup.settled(db)) {
            Thread.sleep(50);
        }
        IngestBench.awaitActionsDelivered(db);
    }

    /** Gives each filled drift its delivered opening notification; returns the number of actions. */
    private static long announce(Connection db) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.executeUpdate(ANNOUNCE);
            st.execute("vacuum analyze drift_action");
        }
        return actions(db);
    }

    private static long actions(Connection db) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("select count(*) from drift_action")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void print(Figure f, Figure baseline) {
        System.out.printf("  %,10d ledger rows (%,7d active) %,10d actions  %,7d CIs   %,8.0f events/s   %.2f x the first%n",
                f.rows(), f.active(), f.actions(), f.cis(), f.rate(), f.rate() / baseline.rate());
    }

    private static void summarize(List<Figure> figures, String what, ToLongFunction<Figure> n) {
        Figure first = figures.getFirst();
        for (Figure f : figures.subList(1, figures.size())) {
            new BenchSummary("growth", "transitions/s at %,d %s (baseline: %,d)".formatted(n.applyAsLong(f), what,
                    n.applyAsLong(first)), BenchSummary.number(f.rate(), "%,.0f/s"),
                    BenchSummary.number(first.rate(), "%,.0f/s"), BenchSummary.number(f.rate() / first.rate(), "%.2f"),
                    "-", BenchSummary.Met.NONE).record();
        }
    }

    private static List<String> option(String[] args, String prefix, String fallback) {
        String value = Arrays.stream(args).filter(a -> a.startsWith(prefix)).findFirst()
                .map(a -> a.substring(prefix.length())).orElse(fallback);
        return Arrays.asList(value.split(","));
    }
}

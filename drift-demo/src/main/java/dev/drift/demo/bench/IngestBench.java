package dev.drift.demo.bench;

import dev.drift.embedded.EmbeddedServers;
import dev.drift.service.Application;
import dev.drift.service.policy.Policy;
import dev.drift.service.policy.PolicyStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code ./drift bench}: the ingest benchmark of issue 2.
 *
 * <ol>
 *   <li>Preloads N power events (each one a drift transition) on {@code vm.power_changed}.</li>
 *   <li>(a) baseline: a consumer that only reads and acks them; (b) the full pipeline: the service
 *       reading the same entries through decode, actual state, reconcile, ledger and outbox, until
 *       every entry is processed, every reconcile request served and every message published.</li>
 *   <li>Latency: events offered at fixed rates, each after a warm-up at that rate (not measured); XADD to
 *       {@code drift.detected}/{@code drift.resolved}.</li>
 * </ol>
 * Prints events/s of (a) and (b), their ratio, and p50/p99 latency per offered rate, each with the
 * CPU this JVM (service and load generator), PostgreSQL and Redis used meanwhile ({@link ServerCpu}).
 */
public final class IngestBench {
    private static final int BATCH = 256;

    private IngestBench() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        try (EmbeddedServers servers = EmbeddedServers.start();
             RedisClient client = RedisClient.create(servers.redisUri());
             StatefulRedisConnection<String, String> producer = client.connect();
             StatefulRedisConnection<String, String> listener = client.connect()) {
            System.out.printf("drift bench: %d events over %d CIs, rates %s, %d s each after %d s of warm-up, %d consumers%s%s%n",
                    options.events(), options.cis(), options.rates(), options.seconds(), options.warmup(),
                    options.consumers(),
                    options.notifies() ? "" : ", policies notify nobody (--no-notify)", mixDescription(options));
            BenchEvents.preload(producer, 0, options.events(), options.cis());
            // The service's group starts at the end of the stream and is rewound once the service is idle.
            producer.sync().xgroupCreate(XReadArgs.StreamOffset.from(BenchEvents.STREAM, "$"), ServiceGroup.NAME,
                    XGroupCreateArgs.Builder.mkstream());
            double baseline = options.events() / (BaselineConsumer.run(producer, options.events(), BATCH) / 1e9);
            StringBuilder rows = new StringBuilder();
            Map<Integer, LatencyRun.Result> latencies = new TreeMap<>();
            Map<Integer, String> latencyCpu = new TreeMap<>();
            double pipeline;
            ServerCpu cpu = ServerCpu.of(servers.jdbcUrl(), servers.redisUri());
            String pipelineCpu;
            try (ApplicationContext service = startService(servers, options)) {
                Pipeline measured = measurePipeline(servers, producer, options.events(), cpu);
                pipeline = measured.rate();
                pipelineCpu = measured.cores();
                LatencyRun latency = new LatencyRun(producer, listener, options.cis());
                long sequence = options.events();
                for (int rate : options.rates()) {
                    ServerCpu.Reading start = cpu.read();
                    LatencyRun.Result r = latency.run(rate, options.warmup(), options.seconds(), sequence,
                            options.drifting());
                    String used = ServerCpu.cores(start, cpu.read());
                    latencies.put(rate, r);
                    latencyCpu.put(rate, used);
                    sequence += r.transitions();
                    rows.append(String.format("  %,9d/s offered %,9.0f/s sent  %6d samples  p50 %7.2f ms  p99 %7.2f ms  max %8.2f ms  XADD late p99 %.2f ms, from the XADD p99 %.2f ms  (%s)%s%n",
                            rate, r.achievedRate(), r.latency().count(), r.latency().p50(), r.latency().p99(),
                            r.latency().max(), r.sendLag().p99(), r.fromXadd().p99(), used, unseenNote(r)));
                }
            }
            double compliant = measureCompliant(servers, producer, options);
            System.out.println();
            System.out.println("ingest throughput (same Redis, same preloaded stream, batch " + BATCH + ")");
            System.out.printf("  (a) read+ack baseline                 %,10.0f events/s%n", baseline);
            System.out.printf("  (b) full pipeline, every event a transition %,10.0f events/s   ratio b/a %5.2f (goal >= 0.50)  (%s)%n",
                    pipeline, pipeline / baseline, pipelineCpu);
            System.out.printf("  (c) full pipeline, compliant machines %,10.0f events/s   ratio c/a %5.2f%n",
                    compliant, compliant / baseline);
            System.out.println("latency XADD -> drift.detected/drift.resolved, from each XADD's due time (goal p99 < 25 ms at 2,000/s)"
                    + mixDescription(options));
            System.out.print(rows);
            summarize(options, baseline, pipeline, pipelineCpu, compliant, latencies, latencyCpu);
        }
    }

    /** Says how many measured events had no message 30 s after the run; empty when none. */
    static String unseenNote(LatencyRun.Result r) {
        return r.unseen() == 0 ? ""
                : "  %,d not seen within 30 s, not counted: the percentiles are a lower bound".formatted(r.unseen());
    }

    /** How the latency runs mix drifting and steady events; empty for the default, all drifting. */
    private static String mixDescription(BenchOptions options) {
        return options.drifting() == 100 ? ""
                : ", %d %% of the offered events drifting (the others from machines that match their desired state; only the drifting ones measured)"
                        .formatted(options.drifting());
    }

    /**
     * Records the headline rows for bench-all. With {@code --no-notify} or {@code --drifting} they
     * are named so and judge nothing: the goals are the full pipeline's, on the worst case.
     */
    private static void summarize(BenchOptions options, double baseline, double pipeline, String pipelineCpu,
                                  double compliant, Map<Integer, LatencyRun.Result> latencies,
                                  Map<Integer, String> latencyCpu) {
        boolean notifies = options.notifies();
        boolean worstCase = options.drifting() == 100;
        String bench = (notifies ? "ingest" : "ingest --no-notify")
                + (worstCase ? "" : " --drifting " + options.drifting());
        if (worstCase) {
            summarizeThroughput(bench, notifies, baseline, pipeline, pipelineCpu, compliant);
        }
        latencies.forEach((rate, r) -> {
            boolean judged = notifies && worstCase && rate == 2000;
            new BenchSummary(bench,
                    "XADD due -> drift.detected p50 / p99 at %,d/s offered%s (%s; XADDs late p99 %.1f ms)".formatted(
                            rate, worstCase ? "" : ", %d %% drifting".formatted(options.drifting()),
                            latencyCpu.get(rate), r.sendLag().p99()),
                    BenchSummary.number(r.latency().p50(), "%.1f") + " / "
                            + BenchSummary.number(r.latency().p99(), "%.1f ms")
                            + (r.unseen() == 0 ? "" : " or more (%,d unseen)".formatted(r.unseen())),
                    "-", "-", judged ? "p99 < 25 ms" : "-",
                    judged ? BenchSummary.Met.of(r.latency().p99() < 25) : BenchSummary.Met.NONE).record();
        });
    }

    /** The throughput rows: (b) and (c) against (a); a mixed run ({@code --drifting}) records none. */
    private static void summarizeThroughput(String bench, boolean notifies, double baseline, double pipeline,
                                            String pipelineCpu, double compliant) {
        String base = BenchSummary.number(baseline, "%,.0f/s");
        boolean ratioMet = pipeline / baseline >= 0.5;
        new BenchSummary(bench, "events/s, every event a drift transition (" + pipelineCpu + ")",
                BenchSummary.number(pipeline, "%,.0f/s"),
                base + " read+ack", BenchSummary.number(pipeline / baseline, "%.2f"), notifies ? "ratio >= 0.5" : "-",
                notifies ? BenchSummary.Met.of(ratioMet) : BenchSummary.Met.NONE).record();
        new BenchSummary(bench, "events/s, compliant machines", BenchSummary.number(compliant, "%,.0f/s"),
                base + " read+ack", BenchSummary.number(compliant / baseline, "%.2f"), "-", BenchSummary.Met.NONE)
                .record();
    }

    /**
     * Events from machines that match their desired state (the common case): preloaded while the
     * service is stopped, then processed by a restarted service. The rate is taken from the
     * database's own clock, from the first batch's commit time until all are processed.
     */
    private static double measureCompliant(EmbeddedServers servers, StatefulRedisConnection<String, String> producer,
                                           BenchOptions options) throws SQLException, InterruptedException {
        try (Connection db = DriverManager.getConnection(servers.jdbcUrl(), servers.dbUser(), servers.dbPassword())) {
            BenchEvents.preloadCompliant(producer, options.events(), options.cis());
            String lastId = ServiceGroup.lastId(producer.sync());
            try (ApplicationContext service = startService(servers, options)) {
                while (!ServiceGroup.acknowledgedThrough(producer.sync(), lastId)) {
                    Thread.sleep(10);
                }
                double seconds = scalar(db, "select (extract(epoch from clock_timestamp() - min(processed_at)) * 1000)::bigint"
                        + " from (select processed_at from processed_entry order by processed_at desc limit "
                        + options.events() + ") s") / 1000.0;
                return options.events() / seconds;
            }
        }
    }

    private static long scalar(Connection db, String sql) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static ApplicationContext startService(EmbeddedServers servers, BenchOptions options) {
        Map<String, Object> props = new HashMap<>(servers.micronautProperties());
        props.put("micronaut.server.port", 0);
        props.put("drift.desired.file.directory",
                BenchEvents.desiredState(options.cis(), options.drifting() < 100).toString());
        props.put("drift.ingest.batch-size", BATCH);
        props.put("drift.ingest.consumers", options.consumers());
        ApplicationContext service = Micronaut.build(new String[0]).mainClass(Application.class).properties(props)
                .banner(false).start();
        if (!options.notifies()) {
            PolicyStore policies = service.getBean(PolicyStore.class);
            policies.list().forEach(p -> policies.patch(p.id(), q -> new Policy(q.id(), q.name(), q.match(),
                    q.severity(), q.settle(), q.autoChangeRequest(), q.autoRemediate(), q.remediation(), List.of(),
                    q.mode())));
        }
        return service;
    }

    /**
     * Rewinds the service's group over the preloaded entries and times the pipeline until all is
     * done: every entry acknowledged (asked of Redis, every 10 ms), then no reconcile request and no
     * unpublished message left (asked of PostgreSQL only from then on).
     */
    private static Pipeline measurePipeline(EmbeddedServers servers, StatefulRedisConnection<String, String> redis,
                                            int events, ServerCpu cpu) throws SQLException, InterruptedException {
        try (Connection db = DriverManager.getConnection(servers.jdbcUrl(), servers.dbUser(), servers.dbPassword())) {
            String lastId = ServiceGroup.lastId(redis.sync());
            ServerCpu.Reading before = cpu.read();
            long start = System.nanoTime();
            redis.sync().xgroupSetid(XReadArgs.StreamOffset.from(BenchEvents.STREAM, "0"), ServiceGroup.NAME);
            while (!ServiceGroup.acknowledgedThrough(redis.sync(), lastId) || !ServiceGroup.settled(db)) {
                Thread.sleep(10);
            }
            double rate = events / ((System.nanoTime() - start) / 1e9);
            String cores = ServerCpu.cores(before, cpu.read());
            awaitActionsDelivered(db);
            return new Pipeline(rate, cores);
        }
    }

    /** The pipeline's rate, and the cores its processes used meanwhile. */
    private record Pipeline(double rate, String cores) {
    }

    /**
     * Lets the action dispatcher deliver the notifications of the measured transitions (untimed), so
     * the next measure does not share the machine with that backlog. Returns at once when the
     * dispatcher is off ({@code DRIFT_ACTIONS_ENABLED=false}): nothing would deliver them.
     */
    static void awaitActionsDelivered(Connection db) throws SQLException, InterruptedException {
        if (!ServiceGroup.deliversActions()) {
            return;
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (ServiceGroup.actionsDelivered(db)) {
                return;
            }
            Thread.sleep(50);
        }
    }
}

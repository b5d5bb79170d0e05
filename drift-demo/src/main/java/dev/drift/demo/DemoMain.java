package dev.drift.demo;

import dev.drift.embedded.EmbeddedServers;
import dev.drift.service.Application;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * {@code ./drift demo}: starts embedded PostgreSQL and Redis, the service with four file-backed demo
 * CIs, writes events the way agents and hypervisors would, prints the drifts found, shows one
 * resolving, and stops cleanly (after Ctrl-C when run from a terminal).
 */
public final class DemoMain {
    private static final PrintStream OUT = System.out;
    /** Counted down when everything is stopped, so a Ctrl-C hook can wait for a clean stop. */
    private static final CountDownLatch STOPPED = new CountDownLatch(1);

    private DemoMain() {
    }

    public static void main(String[] args) throws Exception {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args, System.console() != null);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Map<String, String> env = new HashMap<>(System.getenv());
        options.redis().ifPresent(uri -> env.put("DRIFT_REDIS_URI", uri));
        OUT.println("drift demo: starting PostgreSQL and Redis ...");
        try (EmbeddedServers servers = EmbeddedServers.start(env)) {
            run(options, servers);
        } finally {
            OUT.println("drift demo: stopped; nothing left running.");
            STOPPED.countDown();
        }
    }

    private static void run(DemoOptions options, EmbeddedServers servers) throws Exception {
        Map<String, Object> props = new HashMap<>(servers.micronautProperties());
        props.put("micronaut.server.port", options.port());
        props.put("drift.desired.file.directory", DemoInventory.materialize().toString());
        props.put("drift.reconcile.poll-interval", "500ms");
        try (ApplicationContext context = Micronaut.build(new String[0]).mainClass(Application.class).properties(props)
                .banner(false).start();
             RedisClient client = redisClient(servers.redisUri());
             StatefulRedisConnection<String, String> redis = client.connect()) {
            URI base = context.getBean(EmbeddedServer.class).getURI();
            DriftTable table = new DriftTable(base);
            OUT.println("drift demo: service up at " + base + " with desired state for " + DemoInventory.CIS);
            OUT.println();
            OUT.println("Writing events:");
            DemoScenario.write(redis.sync(), DemoScenario.drifting(), OUT);
            waitFor(() -> count(table, "status=open") >= 6, Duration.ofSeconds(20));
            OUT.println();
            OUT.println("Open drift (GET " + base.resolve("/drift/events?status=open") + "):");
            table.print(OUT, "status=open");
            OUT.println();
            OUT.println("Dead letters on drift.dlq: " + redis.sync().xlen("drift.dlq"));
            OUT.println("Announcements: drift.detected=" + redis.sync().xlen("drift.detected"));
            OUT.println();
            OUT.println("Fixing web-01:");
            DemoScenario.write(redis.sync(), DemoScenario.fixing(), OUT);
            waitFor(() -> count(table, "status=resolved") >= 1, Duration.ofSeconds(20));
            OUT.println();
            OUT.println("Resolved drift:");
            table.print(OUT, "status=resolved");
            OUT.println("Announcements: drift.resolved=" + redis.sync().xlen("drift.resolved"));
            hold(options, base);
        }
    }

    private static RedisClient redisClient(String uri) {
        return RedisClient.create(uri);
    }

    private static int count(DriftTable table, String query) {
        try {
            return table.events(query).size();
        } catch (Exception e) {
            return -1;
        }
    }

    private static void waitFor(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                OUT.println("  (still waiting after " + timeout.toSeconds() + " s; showing what there is)");
                return;
            }
            Thread.sleep(100);
        }
    }

    private static void hold(DemoOptions options, URI base) throws InterruptedException {
        if (!options.hold()) {
            return;
        }
        OUT.println();
        OUT.println("Browse " + base.resolve("/drift/events") + " and " + base.resolve("/health")
                + " - press Ctrl-C to stop.");
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                STOPPED.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "demo-stop"));
        stop.await();
        OUT.println();
        OUT.println("drift demo: stopping ...");
    }
}

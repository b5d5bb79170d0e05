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
    private final PrintStream out;
    /** Counted down when everything is stopped, so a Ctrl-C hook can wait for a clean stop. */
    private static final CountDownLatch STOPPED = new CountDownLatch(1);

    DemoMain(PrintStream out) {
        this.out = out;
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
        new DemoMain(System.out).run(options);
    }

    /** Runs the whole demo: servers, service, scenario, then stops everything it started. */
    void run(DemoOptions options) throws Exception {
        Map<String, String> env = new HashMap<>(System.getenv());
        options.redis().ifPresent(uri -> env.put("DRIFT_REDIS_URI", uri));
        out.println("drift demo: starting PostgreSQL and Redis ...");
        try (EmbeddedServers servers = EmbeddedServers.start(env)) {
            run(options, servers);
        } finally {
            out.println("drift demo: stopped; nothing left running.");
            STOPPED.countDown();
        }
    }

    private void run(DemoOptions options, EmbeddedServers servers) throws Exception {
        try (DemoNode node = DemoNode.start(servers.redisUri())) {
            run(options, servers, node);
        }
    }

    private void run(DemoOptions options, EmbeddedServers servers, DemoNode node) throws Exception {
        DemoRemediation remediation = DemoRemediation.prepare(node.root());
        Map<String, Object> props = new HashMap<>(servers.micronautProperties());
        props.putAll(remediation.properties());
        props.put("micronaut.server.port", options.port());
        props.put("drift.desired.file.directory", DemoInventory.materialize().toString());
        options.netbox().ifPresent(netbox -> {
            props.put("drift.desired.source", "netbox");
            props.put("drift.desired.netbox.url", netbox.url().toString());
            props.put("drift.desired.netbox.token", netbox.token());
            out.println("drift demo: desired state from NetBox at " + netbox.url());
        });
        props.put("drift.reconcile.poll-interval", "500ms");
        String token = "drift_demo_" + java.util.UUID.randomUUID().toString().replace("-", "");
        props.put("drift.security.bootstrap-admin-token", token);
        try (ApplicationContext context = Micronaut.build(new String[0]).mainClass(Application.class).properties(props)
                .banner(false).start();
             RedisClient client = redisClient(servers.redisUri());
             StatefulRedisConnection<String, String> redis = client.connect()) {
            URI base = context.getBean(EmbeddedServer.class).getURI();
            DriftTable table = new DriftTable(base, token);
            out.println("drift demo: service up at " + base + " with desired state for " + DemoInventory.CIS);
            out.println("drift demo: drift-agent watching web-01's /etc/ssh/sshd_config and /etc/hosts under "
                    + node.root());
            DemoRemediation.addPolicy(table);
            out.println();
            out.println("Changing web-01's files (the agent reports them):");
            node.setSshd("PermitRootLogin", "yes");
            out.println("  sed -i   /etc/ssh/sshd_config    someone enabled root login on web-01");
            out.println("Writing events:");
            DemoScenario.write(redis.sync(), DemoScenario.drifting(), out);
            waitFor(() -> count(table, "status=open") >= 6, Duration.ofSeconds(20));
            out.println();
            out.println("Open drift (GET " + base.resolve("/drift/events?status=open") + ", web view "
                    + base.resolve("/ui/") + "):");
            table.print(out, "status=open");
            out.println();
            out.println("Dead letters on drift.dlq: " + redis.sync().xlen("drift.dlq"));
            out.println("Announcements: drift.detected=" + redis.sync().xlen("drift.detected"));
            out.println();
            out.println("Fixing web-01:");
            DemoScenario.write(redis.sync(), DemoScenario.fixing(), out);
            waitFor(() -> count(table, "status=resolved") >= 1, Duration.ofSeconds(20));
            out.println();
            out.println("Resolved drift:");
            table.print(out, "status=resolved");
            out.println("Announcements: drift.resolved=" + redis.sync().xlen("drift.resolved"));
            remediate(table, remediation);
            hold(options, base, token);
        }
    }

    /** Puts web-01's root login back off with ansible-runner, or says how to install it. */
    private void remediate(DriftTable table, DemoRemediation remediation) throws Exception {
        out.println();
        if (!DemoRemediation.runnerInstalled()) {
            out.println("Remediation: ansible-runner is not installed, so web-01's sshd_config stays as it is.");
            out.println("  Install it (Debian: apt-get install python3-ansible-runner) and run the demo again to see");
            out.println("  drift put the file back and the drift resolve.");
            return;
        }
        out.println("Remediating web-01's root login with ansible-runner:");
        if (!DemoRemediation.request(table, out)) {
            out.println("  (no open root-login drift on web-01 to remediate)");
            return;
        }
        waitFor(() -> count(table, "status=resolved&ci=" + DemoNode.CI) >= 2, Duration.ofSeconds(90));
        out.println();
        out.println("Resolved drift on web-01:");
        table.print(out, "status=resolved&ci=" + DemoNode.CI);
        waitFor(remediation::runsCleanedUp, Duration.ofSeconds(30));
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

    private void waitFor(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                out.println("  (still waiting after " + timeout.toSeconds() + " s; showing what there is)");
                return;
            }
            Thread.sleep(100);
        }
    }

    private void hold(DemoOptions options, URI base, String token) throws InterruptedException {
        if (!options.hold()) {
            return;
        }
        out.println();
        out.println("Browse " + base.resolve("/drift/events") + " and " + base.resolve("/health")
                + " - press Ctrl-C to stop.");
        out.println("The API wants a bearer token; this demo's admin token (gone when it stops) is:");
        out.println("  curl -H 'Authorization: Bearer " + token + "' " + base.resolve("/drift/events?status=open"));
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
        out.println();
        out.println("drift demo: stopping ...");
    }
}

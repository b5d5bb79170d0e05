package dev.drift.service.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drift.service.support.DesiredFiles;
import dev.drift.service.support.FakeTarget;
import dev.drift.service.support.Streams;
import dev.drift.service.support.TestServers;
import dev.drift.service.system.Database;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * A service that dies after committing drift transitions (and their actions) but before delivering
 * them: the next instance on the same database delivers each action exactly once, including one the
 * dead instance had already leased.
 */
class ActionCrashIT {
    private static final int DRIFTS = 20;

    @Test
    void actionsCommittedBeforeACrashAreDeliveredExactlyOnceAfterTheRestart() {
        DesiredFiles desired = new DesiredFiles();
        try (FakeTarget slack = new FakeTarget(r -> new MockResponse().setResponseCode(200).setBody("ok"))) {
            Map<String, Object> properties = new HashMap<>(TestServers.isolatedProperties());
            properties.put("drift.desired.file.directory", desired.directory().toString());
            properties.put("drift.notify.channels.default.type", "slack");
            properties.put("drift.notify.channels.default.webhook-url", slack.url("/services/crash"));
            properties.put("drift.notify.channels.default.digest-threshold", "1000");
            properties.put("drift.notify.channels.default.rate-limit", "1000");
            properties.put("drift.actions.lease", "2s");

            properties.put("drift.actions.enabled", "false");
            try (EmbeddedServer first = ApplicationContext.run(EmbeddedServer.class, properties, "test");
                 Streams streams = new Streams(properties.get("drift.redis.uri").toString())) {
                Database database = first.getApplicationContext().getBean(Database.class);
                for (int i = 0; i < DRIFTS; i++) {
                    desired.write("crash-" + i, "type: vm\nfields:\n  power_state: on\n");
                    streams.add("vm.power_changed", "{\"ci_id\":\"crash-" + i + "\",\"power_state\":\"off\"}");
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> pendingNotifications(database) == DRIFTS);
                leaseOneAsIfItWereBeingDelivered(database);
            }
            assertThat(slack.requests()).as("nothing delivered before the crash").isEmpty();

            properties.put("drift.actions.enabled", "true");
            try (EmbeddedServer second = ApplicationContext.run(EmbeddedServer.class, properties, "test")) {
                Database database = second.getApplicationContext().getBean(Database.class);
                await().atMost(Duration.ofSeconds(30)).until(() -> pendingNotifications(database) == 0);
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                        .until(() -> slack.requests().size() == DRIFTS);
            }
            Set<String> keys = slack.requests().stream().map(r -> r.getHeader("X-Drift-Idempotency-Key"))
                    .collect(Collectors.toSet());
            assertThat(keys).as("one message per drift, none twice").hasSize(DRIFTS);
            assertThat(slack.requests().stream().map(FakeTarget::body).filter(b -> b.contains("crash-"))).hasSize(DRIFTS);
            assertThat(slack.requests().stream().map(RecordedRequest::getPath)).containsOnly("/services/crash");
        }
    }

    private static long pendingNotifications(Database database) {
        return database.read(c -> {
            try (var ps = c.prepareStatement("select count(*) from drift_action where kind = 'notify' and state = 'pending'")) {
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private static void leaseOneAsIfItWereBeingDelivered(Database database) {
        database.write(c -> {
            try (var ps = c.prepareStatement("""
                    update drift_action set lease_until = now() + interval '2 seconds', attempts = 1
                     where id = (select min(id) from drift_action where kind = 'notify')""")) {
                return ps.executeUpdate();
            }
        });
    }
}

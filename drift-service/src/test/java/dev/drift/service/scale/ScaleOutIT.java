package dev.drift.service.scale;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drift.service.support.DesiredFiles;
import dev.drift.service.support.FakeTarget;
import dev.drift.service.support.Streams;
import dev.drift.service.support.TestServers;
import dev.drift.service.system.Database;
import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XPendingArgs;
import io.lettuce.core.models.stream.PendingMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;

/**
 * Scale-out: three instances of the service (three application contexts in this JVM, each with its
 * own consumer name and HTTP port) on one PostgreSQL database, one Redis database and one directory
 * of desired state share a stream of 1,500 {@code vm.power_changed} events for 100 CIs through the
 * consumer group; one of them is killed mid-stream, and the ledger, the published messages and the
 * Slack notifications come out as one instance applying the script in order produces them, each
 * exactly once.
 *
 * <p><b>What "killed" means here.</b> The victim runs with a {@link KillSwitch}: once armed, the
 * victim's ingest thread dies with an uncaught {@link Error} right after XREADGROUP delivered it a
 * batch, at its first desired-state read, before its transaction opens. That is what {@code kill -9}
 * leaves at that moment: entries pending on the victim's consumer, none of their effects committed,
 * none acknowledged. The test then closes the victim's context (its other workers, outbox publisher
 * included, stop as on shutdown) and the survivors must claim the abandoned entries (XAUTOCLAIM after
 * {@code claim-idle}, 2 s here so that the abandoned entries can be read before they are claimed).
 * A consumer dying after its commit but before XACK is {@code DriftLoopIT}'s case (the processed-id
 * check makes the redelivery a no-op). The victim does not deliver actions
 * ({@code drift.actions.enabled=false}): an action it had leased when killed would wait out its
 * lease before a survivor delivers it, which {@code ActionCrashIT} covers; here the two survivors
 * share the deliveries through leases taken with {@code skip locked}.
 *
 * <p><b>Why rounds.</b> Events are added one round at a time (one event per CI, in one MULTI so that
 * the blocked consumers read it in batches) and each round is committed before the next is added.
 * Within a round the instances work concurrently; across rounds each CI's events are applied in
 * order, as by a single instance, so every off/on transition is a ledger change, and what one
 * instance leaves is computed from the script ({@link PowerScript#expectedDrifts()}) rather than by a
 * second, single-instance run. Without that barrier two events of one CI could be in flight on two
 * instances at once and be committed in either order: the older observation is then dropped (it
 * never overwrites a newer one), so the final state is the same but intermediate transitions may
 * merge.
 *
 * <p>Not re-tested here: the scheduled sweep running once across instances ({@code SweepSchedulerIT};
 * the sweep is off in the test configuration), and per-CI serialization across instances. Every
 * batch below takes the per-CI advisory locks ({@code CiLocks}) while the three instances commit
 * concurrently, but the rounds never put two events of one CI in flight at once, so this test does
 * not show that the lock is what keeps them apart.
 */
class ScaleOutIT {
    private static final String POWER = "vm.power_changed";
    private static final String GROUP = "drift-service";
    private static final List<String> NAMES = List.of("scale-a", "scale-b", "scale-c");
    private static final String VICTIM = "scale-c";
    private static final int KILL_IN_ROUND = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PowerScript script = new PowerScript(100, 15, Instant.now().minus(1, ChronoUnit.HOURS));
    private final DesiredFiles desired = new DesiredFiles();
    private final Map<String, EmbeddedServer> instances = new LinkedHashMap<>();
    private final Map<String, Long> appliedAtClose = new HashMap<>();

    @Test
    void threeInstancesShareTheStreamAndTheEntriesOfAKilledOneAreAppliedOnceByTheOthers() {
        script.cis().forEach(desired::poweredOnVm);
        assertThat(script.expectedDrifts()).extracting(PowerScript.Drift::status).contains("open", "resolved");
        try (FakeTarget slack = new FakeTarget(r -> new MockResponse().setResponseCode(200).setBody("ok"))) {
            Map<String, Object> shared = sharedProperties(slack);
            try (Streams streams = new Streams(shared.get("drift.redis.uri").toString())) {
                NAMES.forEach(name -> instances.put(name, start(shared, name)));
                Database database = instances.get("scale-a").getApplicationContext().getBean(Database.class);
                KillSwitch killSwitch = instances.get(VICTIM).getApplicationContext().getBean(KillSwitch.class);

                List<String> abandoned = playScript(streams, database, killSwitch);

                awaitQuiet(streams, database);
                assertLoadSpreadAndEachEntryAppliedOnce(abandoned, database);
                assertLedgerAsScripted(database);
                assertMessagesAndNotificationsOnce(streams, slack, database);
            } finally {
                instances.values().stream().filter(EmbeddedServer::isRunning).forEach(EmbeddedServer::close);
            }
        }
    }

    /** Adds the script round by round, kills the victim in the middle; returns the entries it abandoned. */
    private List<String> playScript(Streams streams, Database database, KillSwitch killSwitch) {
        List<String> abandoned = List.of();
        int added = 0;
        for (int round = 0; round < script.rounds(); round++) {
            if (round == KILL_IN_ROUND) {
                killSwitch.arm();
            }
            addAtOnce(streams, script.round(round));
            added += script.round(round).size();
            int expected = added;
            if (round >= KILL_IN_ROUND && instances.get(VICTIM).isRunning()) {
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10))
                        .until(() -> !killSwitch.killedThreads().isEmpty() || processed(database) == expected);
                if (!killSwitch.killedThreads().isEmpty()) {
                    abandoned = pendingOn(streams, VICTIM + "-0");
                    appliedAtClose.put(VICTIM, applied(instances.get(VICTIM)));
                    instances.get(VICTIM).close();
                }
            }
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> processed(database) == expected);
        }
        assertThat(killSwitch.killedThreads()).as("the victim's ingest thread was killed")
                .contains("ingest-" + VICTIM + "-0");
        return abandoned;
    }

    /** Awaitility that lets the victim's thread die: by default it fails on any thread's uncaught error. */
    private static ConditionFactory await() {
        return Awaitility.await().dontCatchUncaughtExceptions();
    }

    /** Appends a round in one MULTI, so that consumers blocked on the stream read it in batches. */
    private static void addAtOnce(Streams streams, List<PowerScript.Event> events) {
        streams.redis().multi();
        events.forEach(e -> streams.add(POWER, e.payload()));
        streams.redis().exec();
    }

    private void awaitQuiet(Streams streams, Database database) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() ->
                streams.redis().xpending(POWER, GROUP).getCount() == 0
                        && count(database, "select count(*) from reconcile_request") == 0
                        && count(database, "select count(*) from outbox where published_at is null") == 0
                        && count(database, "select count(*) from drift_action where state = 'pending'") == 0);
    }

    private void assertLoadSpreadAndEachEntryAppliedOnce(List<String> abandoned, Database database) {
        Map<String, Long> appliedBy = new LinkedHashMap<>();
        NAMES.forEach(name -> appliedBy.put(name,
                VICTIM.equals(name) ? appliedAtClose.get(name) : applied(instances.get(name))));
        assertThat(appliedBy.values()).as("entries applied per instance %s", appliedBy).allMatch(n -> n > 0);
        assertThat(appliedBy.values().stream().mapToLong(Long::longValue).sum())
                .as("entries applied, over all instances %s", appliedBy).isEqualTo(script.events());
        assertThat(abandoned).as("entries the victim died holding").isNotEmpty();
        assertThat(processed(database)).isEqualTo(script.events());
    }

    private void assertLedgerAsScripted(Database database) {
        List<PowerScript.Drift> ledger = database.read(c -> {
            try (var ps = c.prepareStatement("""
                    select ci_id, field_path, status, occurrence_count from drift_event
                     order by ci_id, first_detected_at""");
                 ResultSet rs = ps.executeQuery()) {
                List<PowerScript.Drift> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(new PowerScript.Drift(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)));
                }
                return rows;
            }
        });
        assertThat(ledger).as("drift rows (CI, field, status, occurrences) as one instance applying the script leaves")
                .containsExactlyElementsOf(script.expectedDrifts());
    }

    private void assertMessagesAndNotificationsOnce(Streams streams, FakeTarget slack, Database database) {
        List<PowerScript.Drift> expected = script.expectedDrifts();
        long openings = expected.size();
        long resolutions = expected.stream().filter(d -> d.status().equals("resolved")).count();
        assertThat(eventIds(streams, "drift.detected")).as("drift.detected event ids").doesNotHaveDuplicates()
                .hasSize((int) openings);
        assertThat(eventIds(streams, "drift.resolved")).as("drift.resolved event ids").doesNotHaveDuplicates()
                .hasSize((int) resolutions);

        List<String> keys = slack.requests().stream().map(r -> r.getHeader("X-Drift-Idempotency-Key")).toList();
        assertThat(keys).as("Slack requests, by idempotency key").doesNotHaveDuplicates()
                .hasSize((int) (openings + resolutions));
        assertThat(Set.copyOf(keys)).isEqualTo(expectedNotificationKeys(database));
        assertThat(slack.requests()).extracting(RecordedRequest::getPath).containsOnly("/services/scale");
    }

    /** {@code <drift>:opened:default} for every drift, and {@code <drift>:resolved:default} for resolved ones. */
    private static Set<String> expectedNotificationKeys(Database database) {
        return database.read(c -> {
            try (var ps = c.prepareStatement("select id, status from drift_event");
                 ResultSet rs = ps.executeQuery()) {
                Set<String> keys = new HashSet<>();
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    keys.add(id + ":opened:default");
                    if (rs.getString(2).equals("resolved")) {
                        keys.add(id + ":resolved:default");
                    }
                }
                return keys;
            }
        });
    }

    private Map<String, Object> sharedProperties(FakeTarget slack) {
        Map<String, Object> properties = new HashMap<>(TestServers.isolatedProperties());
        properties.put("spec.name", "ScaleOutIT");
        properties.put("drift.desired.file.directory", desired.directory().toString());
        properties.put("datasources.default.maximum-pool-size", "6");
        properties.put("drift.ingest.batch-size", "10");
        properties.put("drift.ingest.claim-idle", "2s");
        properties.put("drift.notify.channels.default.type", "slack");
        properties.put("drift.notify.channels.default.webhook-url", slack.url("/services/scale"));
        properties.put("drift.notify.channels.default.digest-threshold", "10000");
        properties.put("drift.notify.channels.default.rate-limit", "100000");
        return properties;
    }

    private static EmbeddedServer start(Map<String, Object> shared, String name) {
        Map<String, Object> properties = new HashMap<>(shared);
        properties.put("drift.ingest.consumer-name", name);
        if (VICTIM.equals(name)) {
            properties.put("scale-out.mortal", "true");
            properties.put("drift.actions.enabled", "false");
        }
        return ApplicationContext.run(EmbeddedServer.class, properties, "test");
    }

    /** Entries of the stream whose effects are committed (by any instance). */
    private static long processed(Database database) {
        return count(database, "select count(*) from processed_entry where stream = '" + POWER + "'");
    }

    /** Entries this instance applied: {@code drift.events.consumed{outcome=applied}} of its registry. */
    private static long applied(EmbeddedServer instance) {
        MeterRegistry registry = instance.getApplicationContext().getBean(MeterRegistry.class);
        return (long) registry.find("drift.events.consumed").tag("stream", POWER).tag("outcome", "applied")
                .counters().stream().mapToDouble(Counter::count).sum();
    }

    private static List<String> pendingOn(Streams streams, String consumer) {
        List<PendingMessage> pending = streams.redis().xpending(POWER, XPendingArgs.Builder
                .xpending(Consumer.from(GROUP, consumer), Range.unbounded(), Limit.from(1000)));
        return pending.stream().map(PendingMessage::getId).toList();
    }

    private static List<String> eventIds(Streams streams, String stream) {
        return streams.all(stream).stream().map(StreamMessage::getBody).map(b -> eventId(b.get("payload")))
                .collect(Collectors.toList());
    }

    private static String eventId(String payload) {
        try {
            JsonNode node = JSON.readTree(payload);
            return node.get("event_id").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("published payload is not JSON: " + payload, e);
        }
    }

    private static long count(Database database, String sql) {
        return database.read(c -> {
            try (var ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}

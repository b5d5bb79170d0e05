package dev.drift.service.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drift.service.scale.PowerScript;
import dev.drift.service.support.DesiredFiles;
import dev.drift.service.support.SlackApiStandIn;
import dev.drift.service.support.Streams;
import dev.drift.service.support.TestServers;
import io.lettuce.core.StreamMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Crash recovery: drift-service runs in a child JVM and is killed with SIGKILL ({@code kill -9}) at
 * seeded random moments while a deterministic script of {@code vm.power_changed} events flows through
 * Redis (CIs going off and on again, so drift both opens and resolves), and restarted each time. At
 * the end every entry is processed and acknowledged, the outbox and the action queue are empty, and:
 * <ul>
 *   <li>the ledger (CI, field, status, occurrences of every drift row) is the one the script leaves
 *       without crashes ({@link PowerScript#expectedDrifts()}, as in {@code ScaleOutIT}); no CI has two
 *       drift rows open for one field;</li>
 *   <li>{@code drift.detected} and {@code drift.resolved} carry each drift event once;</li>
 *   <li>the ServiceNow stand-in has exactly one change request per drift (raw POSTs, not de-duplicated:
 *       the client looks the correlation id up before it creates, so a ticket created by a POST whose
 *       answer died with the service is found, not created again), and each drift records its number;</li>
 *   <li>the Slack stand-in (the Web API as a bot token uses it: {@code chat.postMessage},
 *       {@code conversations.history} and {@code .replies} answered from what was posted) has every
 *       notification (opening, and resolution of resolved drift, in the opening's thread when that was
 *       delivered before the resolution was claimed) posted
 *       <b>exactly once</b>, by the idempotency key in its metadata, and no other; each notification
 *       records the {@code ts} of its message.</li>
 * </ul>
 *
 * <p><b>Why Slack is exactly once.</b> Slack does not de-duplicate, and the dispatcher records a message
 * as delivered after Slack answered: a kill between the two leaves the action pending. Before sending,
 * the dispatcher records the message's key on the action; the next instance finds that record, looks
 * the key up in the channel's history (or the thread's replies) and records the message it finds
 * instead of posting it again. After each kill the test notes the keys Slack had that were not recorded
 * as delivered (that kill's window); the figures are printed at the end.
 *
 * <p><b>Why rounds.</b> As in {@code ScaleOutIT}, the script is added one round (one event per CI) at
 * a time, the next when the previous is committed. A killed instance leaves the batch it was
 * processing pending on its consumer; XAUTOCLAIM hands it to the next instance only after
 * {@code claim-idle}, so without the barrier the next instance could apply a CI's later events first
 * and then drop the older, abandoned ones (an older observation never overwrites a newer one): the
 * final state would be right but a short off-and-on again could be missing from the ledger.
 *
 * <p>Size: {@code -Dcrash.kills} (default 5), {@code -Dcrash.events} (default 2,000),
 * {@code -Dcrash.seed}; {@code ./drift fault-crash 20 100000} runs the long version. Each child's
 * output is in {@code target/crash-recovery/}.
 */
class CrashRecoveryIT {
    private static final String POWER = "vm.power_changed";
    private static final String GROUP = "drift-service";
    private static final String CHANNEL = "default";
    /** Messages per history page, as Slack allows apps outside the Marketplace, so lookups page. */
    private static final int SLACK_PAGE = 15;
    /** Every this many CIs one is of the type whose drift raises a change request (tickets take longer to deliver). */
    private static final int TICKETED_EVERY = 5;
    private static final String TICKETED = "ticketed-vm";
    private static final int KILLS = Integer.getInteger("crash.kills", 5);
    private static final int EVENTS = Integer.getInteger("crash.events", 2_000);
    private static final long SEED = Long.getLong("crash.seed", 9L);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PowerScript script = script(EVENTS);
    private final DesiredFiles desired = new DesiredFiles();
    private final List<Kill> kills = new ArrayList<>();
    private Path logs;
    private ServiceProcess service;

    /** One kill: in which round, how many entries were committed then, and what Slack and ServiceNow had not seen recorded. */
    record Kill(int round, long processed, int exitCode, Set<String> slackWindow, Set<String> itsmWindow) {
    }

    @Test
    void killedAgainAndAgainTheServiceLeavesTheLedgerOfARunWithoutCrashesAndNotifiesEachDrift() throws IOException {
        List<String> cis = script.cis();
        for (int i = 0; i < cis.size(); i++) {
            desired.write(cis.get(i), "type: " + (i % TICKETED_EVERY == 0 ? TICKETED : "vm") + "\nfields:\n  power_state: on\n");
        }
        assertThat(script.expectedDrifts()).extracting(PowerScript.Drift::status).contains("open", "resolved");
        logs = Files.createDirectories(Path.of("target", "crash-recovery"));
        long started = System.nanoTime();
        try (SlackApiStandIn slack = new SlackApiStandIn(SLACK_PAGE);
             ServiceNowStandIn serviceNow = new ServiceNowStandIn()) {
            Map<String, String> properties = properties(slack, serviceNow);
            try (DriftDatabase database = new DriftDatabase(properties);
                 Streams streams = new Streams(properties.get("drift.redis.uri"))) {
                playScriptKilling(properties, streams, database, slack, serviceNow);
                awaitAllDone(streams, database);
                awaitQuiet(slack, serviceNow);
                service.close();
                report(Duration.ofNanos(System.nanoTime() - started), slack, serviceNow, database);
                assertThat(kills).as("kills with SIGKILL").hasSize(KILLS)
                        .allSatisfy(k -> assertThat(k.exitCode()).isEqualTo(128 + 9));
                assertLedgerAsScripted(database);
                assertEachDriftPublishedOnce(streams);
                assertOneChangeRequestPerDrift(serviceNow, database);
                assertEachNotificationPostedExactlyOnce(slack, database);
            }
        }
    }

    @AfterEach
    void stopService() {
        if (service != null) {
            service.kill();
        }
    }

    /** Adds the script round by round, killing and restarting the service in the chosen rounds. */
    private void playScriptKilling(Map<String, String> properties, Streams streams, DriftDatabase database,
                                             SlackApiStandIn slack, ServiceNowStandIn serviceNow) {
        Random random = new Random(SEED);
        Set<Integer> killRounds = killRounds(random);
        startFirst(properties, database);
        long added = 0;
        for (int round = 0; round < script.rounds(); round++) {
            List<PowerScript.Event> events = script.round(round);
            addAtOnce(streams, events);
            long before = added;
            added += events.size();
            if (killRounds.contains(round)) {
                long killAt = before + random.nextInt(events.size());
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(10))
                        .until(() -> database.processed(POWER) >= killAt);
                kills.add(kill(round, database, slack, serviceNow));
                System.out.printf("CrashRecoveryIT: %s kill %d in round %d, %,d entries committed%n", Instant.now(),
                        kills.size(), round, kills.getLast().processed());
                service = ServiceProcess.start(properties, logs.resolve("service-" + kills.size() + ".log"));
            }
            long expected = added;
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> database.processed(POWER) == expected);
        }
    }

    /** Distinct rounds after the first, one per kill. */
    private Set<Integer> killRounds(Random random) {
        assertThat(KILLS).as("kills (one per round at most)").isLessThan(script.rounds());
        Set<Integer> rounds = new TreeSet<>();
        while (rounds.size() < KILLS) {
            rounds.add(1 + random.nextInt(script.rounds() - 1));
        }
        return rounds;
    }

    /** The first start migrates the database; the policy that raises change requests is added through the API. */
    private void startFirst(Map<String, String> properties, DriftDatabase database) {
        service = ServiceProcess.start(properties, logs.resolve("service-0.log"));
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(service::healthy);
        assertThat(database.migrated()).isTrue();
        int status = service.post("/drift/policies", """
                {"name": "ticketed-vms", "match": {"ci_types": ["%s"], "fields": ["power_state"]}, "severity": "high",
                 "settle_seconds": 0, "auto_change_request": true, "notify": ["%s"]}""".formatted(TICKETED, CHANNEL));
        assertThat(status).as("POST /drift/policies").isEqualTo(201);
    }

    private Kill kill(int round, DriftDatabase database, SlackApiStandIn slack, ServiceNowStandIn serviceNow) {
        int exitCode = service.kill();
        long processed = database.processed(POWER);
        awaitQuiet(slack, serviceNow);
        Set<String> slackWindow = new HashSet<>(keys(slack).keySet());
        slackWindow.removeAll(database.deliveredNotificationKeys());
        Set<String> itsmWindow = serviceNow.tickets().stream().map(ServiceNowStandIn.Ticket::correlationId)
                .collect(Collectors.toCollection(HashSet::new));
        itsmWindow.removeAll(database.deliveredChangeRequests());
        return new Kill(round, processed, exitCode, slackWindow, itsmWindow);
    }

    /** Every entry processed and acknowledged, nothing left to publish, reconcile or deliver. */
    private void awaitAllDone(Streams streams, DriftDatabase database) {
        Duration generous = Duration.ofMinutes(3).plusMillis(EVENTS * 30L);
        await().atMost(generous).pollInterval(Duration.ofMillis(250)).until(() ->
                streams.redis().xpending(POWER, GROUP).getCount() == 0
                        && lastDelivered(streams).equals(lastEntry(streams))
                        && database.count("select count(*) from reconcile_request") == 0
                        && database.count("select count(*) from outbox where published_at is null") == 0
                        && database.count("select count(*) from drift_action where state = 'pending'") == 0);
        assertThat(database.processed(POWER)).isEqualTo(script.events());
        assertThat(database.count("select count(*) from drift_action where state = 'failed'")).as("failed actions")
                .isZero();
    }

    /** The stand-ins received nothing for half a second: no request of a dead service is still arriving. */
    private static void awaitQuiet(SlackApiStandIn slack, ServiceNowStandIn serviceNow) {
        AtomicInteger seen = new AtomicInteger(-1);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    int now = slack.requests().size() + serviceNow.requests().size();
                    return seen.getAndSet(now) == now;
                });
    }

    private void assertLedgerAsScripted(DriftDatabase database) {
        assertThat(database.ledger()).as("drift rows (CI, field, status, occurrences) as a run without crashes leaves")
                .containsExactlyElementsOf(script.expectedDrifts());
        assertThat(database.duplicatedActiveDrifts()).as("CI and field with two active drift rows").isEmpty();
        assertThat(database.orphanRows()).as("history and action rows without their drift").isEmpty();
    }

    private void assertEachDriftPublishedOnce(Streams streams) {
        List<PowerScript.Drift> expected = script.expectedDrifts();
        long resolutions = expected.stream().filter(d -> d.status().equals("resolved")).count();
        assertThat(eventIds(streams, "drift.detected")).as("drift.detected event ids").doesNotHaveDuplicates()
                .hasSize(expected.size());
        assertThat(eventIds(streams, "drift.resolved")).as("drift.resolved event ids").doesNotHaveDuplicates()
                .hasSize((int) resolutions);
    }

    private void assertOneChangeRequestPerDrift(ServiceNowStandIn serviceNow, DriftDatabase database) {
        List<String> correlationIds = serviceNow.tickets().stream().map(ServiceNowStandIn.Ticket::correlationId).toList();
        assertThat(correlationIds).as("change requests created in ServiceNow, by correlation id (raw POSTs)")
                .doesNotHaveDuplicates().hasSize((int) script.expectedDrifts().stream().filter(d -> ticketed(d.ci())).count())
                .isNotEmpty();
        Set<String> ticketedDrifts = database.driftIdsByCi().entrySet().stream().filter(e -> ticketed(e.getValue()))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        assertThat(Set.copyOf(correlationIds)).as("one change request per drift of a ticketed CI, and each drift records it")
                .isEqualTo(ticketedDrifts);
        Map<String, String> numbers = serviceNow.tickets().stream()
                .collect(Collectors.toMap(ServiceNowStandIn.Ticket::correlationId, ServiceNowStandIn.Ticket::number));
        assertThat(database.changeRequests()).as("the change request number each drift records").isEqualTo(numbers);
    }

    private void assertEachNotificationPostedExactlyOnce(SlackApiStandIn slack, DriftDatabase database) {
        Map<String, Long> received = keys(slack);
        List<PowerScript.Drift> expected = script.expectedDrifts();
        long resolutions = expected.stream().filter(d -> d.status().equals("resolved")).count();
        assertThat(received.keySet()).as("Slack notifications, by the idempotency key in their metadata: each one, and no other")
                .isEqualTo(database.expectedNotificationKeys(CHANNEL)).hasSize((int) (expected.size() + resolutions));
        Map<String, Long> repeated = received.entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(repeated).as("keys Slack received more than once (kill windows: %s)", kills.stream()
                .map(k -> k.slackWindow().size()).toList()).isEmpty();
        Map<String, String> ts = slack.posted().stream()
                .collect(Collectors.toMap(SlackApiStandIn.Posted::key, SlackApiStandIn.Posted::ts));
        assertThat(database.notificationReferences(false)).as("the ts each notification records: its message's")
                .isEqualTo(ts);
        Map<String, String> threadOf = slack.posted().stream().filter(p -> p.threadTs().isPresent())
                .collect(Collectors.toMap(SlackApiStandIn.Posted::key, p -> p.threadTs().orElseThrow()));
        assertThat(threadOf).as("resolutions in a thread (those claimed after their opening was delivered)")
                .isNotEmpty().allSatisfy((key, thread) -> assertThat(thread).as(key)
                        .isEqualTo(ts.get(key.replace(":resolved:", ":opened:"))));
    }

    private void report(Duration took, SlackApiStandIn slack, ServiceNowStandIn serviceNow, DriftDatabase database) {
        Map<String, Long> received = keys(slack);
        long repeats = received.values().stream().mapToLong(n -> n - 1).sum();
        long ticketPosts = serviceNow.requests().stream().filter(r -> r.getMethod().equals("POST")).count();
        long ticketLookups = serviceNow.requests().stream().filter(r -> r.getMethod().equals("GET")).count();
        System.out.printf("CrashRecoveryIT: %,d events, %d CIs x %d rounds, %d kills (SIGKILL) in rounds %s, %.1f s%n",
                script.events(), script.cis().size(), script.rounds(), kills.size(),
                kills.stream().map(Kill::round).toList(), took.toMillis() / 1000.0);
        System.out.printf("CrashRecoveryIT: drift rows %,d as scripted; Slack %,d messages, %,d distinct keys, %d repeated,"
                        + " %,d history lookups (%,d of a thread), %d messages found there; messages a kill caught sent but"
                        + " unrecorded: %d;"
                        + " ServiceNow %,d POSTs (%,d tickets), %,d lookups, tickets a kill caught created but unrecorded: %d%n",
                script.expectedDrifts().size(), slack.posted().size(), received.size(), repeats, slack.lookups().size(),
                slack.lookups().stream().filter(r -> r.getPath().startsWith("/api/conversations.replies")).count(),
                database.notificationReferences(true).size(),
                kills.stream().flatMap(k -> k.slackWindow().stream()).distinct().count(), ticketPosts,
                serviceNow.tickets().size(), ticketLookups,
                kills.stream().flatMap(k -> k.itsmWindow().stream()).distinct().count());
    }

    private boolean ticketed(String ci) {
        return script.cis().indexOf(ci) % TICKETED_EVERY == 0;
    }

    /** How often Slack got a message with each idempotency key. */
    private static Map<String, Long> keys(SlackApiStandIn slack) {
        return slack.posted().stream().map(SlackApiStandIn.Posted::key)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private Map<String, String> properties(SlackApiStandIn slack, ServiceNowStandIn serviceNow) {
        Map<String, String> properties = new HashMap<>(TestServers.isolatedProperties());
        properties.put("drift.desired.file.directory", desired.directory().toString());
        properties.put("drift.ingest.consumer-name", "crash");
        properties.put("drift.ingest.batch-size", "50");
        properties.put("drift.actions.lease", "3s");
        properties.put("drift.actions.public-base-url", "https://drift.example.net");
        properties.put("drift.notify.channels." + CHANNEL + ".type", "slack");
        properties.put("drift.notify.channels." + CHANNEL + ".bot-token", "xoxb-crash-test-token");
        properties.put("drift.notify.channels." + CHANNEL + ".slack-channel", "C0CRASH");
        properties.put("drift.notify.channels." + CHANNEL + ".api-url", slack.apiUrl());
        properties.put("drift.notify.channels." + CHANNEL + ".digest-threshold", "1000000");
        properties.put("drift.notify.channels." + CHANNEL + ".rate-limit", "10000000");
        properties.put("drift.itsm.kind", "servicenow");
        properties.put("drift.itsm.url", serviceNow.url());
        properties.put("drift.itsm.username", "drift");
        properties.put("drift.itsm.password", "crash-test-password");
        return properties;
    }

    /** 250 CIs over 20 rounds for 5,000 events; 1,000 CIs over 100 rounds for 100,000. */
    private static PowerScript script(int events) {
        int cis = Math.clamp(events / 20, 50, 1_000);
        return new PowerScript(cis, Math.max(2, events / cis), Instant.now().minus(1, ChronoUnit.HOURS));
    }

    /** Appends a round in one MULTI, so that the consumer reads it in batches. */
    private static void addAtOnce(Streams streams, List<PowerScript.Event> events) {
        streams.redis().multi();
        events.forEach(e -> streams.add(POWER, e.payload()));
        streams.redis().exec();
    }

    private static String lastEntry(Streams streams) {
        return valueAfter(streams.redis().xinfoStream(POWER), "last-generated-id");
    }

    private static String lastDelivered(Streams streams) {
        return streams.redis().xinfoGroups(POWER).stream().map(g -> (List<?>) g)
                .filter(g -> GROUP.equals(valueAfter(g, "name"))).findFirst()
                .map(g -> valueAfter(g, "last-delivered-id")).orElseThrow();
    }

    /** In XINFO's flat name, value, name, value ... replies, the value after the name. */
    private static String valueAfter(List<?> reply, String name) {
        return String.valueOf(reply.get(reply.indexOf(name) + 1));
    }

    private static List<String> eventIds(Streams streams, String stream) {
        return streams.all(stream).stream().map(StreamMessage::getBody).map(b -> eventId(b.get("payload"))).toList();
    }

    private static String eventId(String payload) {
        try {
            return JSON.readTree(payload).get("event_id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("published payload is not JSON: " + payload, e);
        }
    }
}

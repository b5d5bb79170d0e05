package dev.drift.service.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drift.service.support.DesiredFiles;
import dev.drift.service.support.SlackApiStandIn;
import dev.drift.service.support.Streams;
import dev.drift.service.support.TestServers;
import dev.drift.service.system.Database;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Notices whose last attempt began to send a message and recorded no outcome, as a dead instance
 * leaves them, delivered by the next instance on a bot-mode Slack channel (a real HTTP stand-in for
 * the Web API): what an earlier attempt posted is found by its key and recorded, not posted again;
 * what it did not post is posted once; a lookup that fails posts nothing; a post Slack took without
 * answering in time is found by the inline retry.
 *
 * <p>The six notices play their parts in the order of their action ids (the order the dispatcher
 * claims, looks up and sends in), named n0 to n5 here: n0 posted and not recorded, whose first lookups
 * fail; n1 about to be posted; n2 to n4 posted as a digest the new instance would not compose again;
 * n5 claimed, nothing begun.
 */
class UnconfirmedMessagesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EARLIER_DIGEST = "digest-composed-by-the-dead-instance";

    @Test
    void messagesAnEarlierAttemptMayHaveSentAreLookedUpBeforeAnythingIsSentAgain() {
        DesiredFiles desired = new DesiredFiles();
        try (SlackApiStandIn slack = new SlackApiStandIn(2)) {
            Map<String, Object> properties = new HashMap<>(TestServers.isolatedProperties());
            properties.put("drift.desired.file.directory", desired.directory().toString());
            properties.put("drift.notify.channels.default.type", "slack");
            properties.put("drift.notify.channels.default.bot-token", "xoxb-test-token");
            properties.put("drift.notify.channels.default.slack-channel", "C0TEST");
            properties.put("drift.notify.channels.default.api-url", slack.apiUrl());
            properties.put("drift.notify.channels.default.digest-threshold", "1000");
            properties.put("drift.notify.channels.default.rate-limit", "1000");
            properties.put("drift.notify.channels.default.timeout", "1s");
            properties.put("drift.actions.retry-initial-backoff", "500ms");
            properties.put("drift.actions.lease", "2s");

            properties.put("drift.actions.enabled", "false");
            Map<String, String> earlier;
            try (EmbeddedServer first = ApplicationContext.run(EmbeddedServer.class, properties, "test");
                 Streams streams = new Streams(properties.get("drift.redis.uri").toString())) {
                Database database = first.getApplicationContext().getBean(Database.class);
                for (int i = 0; i < 6; i++) {
                    desired.write("vm-" + i, "type: vm\nfields:\n  power_state: on\n");
                    streams.add("vm.power_changed", "{\"ci_id\":\"vm-" + i + "\",\"power_state\":\"off\"}");
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> keysInIdOrder(database).size() == 6);
                earlier = leaveAsADeadInstanceWould(database, slack);
            }
            assertThat(slack.posted()).as("posted by the dead instance").hasSize(2);
            slack.script(new MockResponse().setResponseCode(503), new MockResponse().setResponseCode(503));
            slack.postWithoutAnswering(1);

            properties.put("drift.actions.enabled", "true");
            try (EmbeddedServer second = ApplicationContext.run(EmbeddedServer.class, properties, "test")) {
                Database database = second.getApplicationContext().getBean(Database.class);
                await().atMost(Duration.ofSeconds(30)).until(() -> pending(database) == 0);
                List<String> n = keysInIdOrder(database);
                Map<String, JsonNode> results = results(database);

                assertThat(posts(slack)).as("messages Slack has, by key: each once; none for the digested ones")
                        .containsOnlyKeys(n.get(0), EARLIER_DIGEST, n.get(1), n.get(5))
                        .allSatisfy((key, count) -> assertThat(count).as(key).isOne());
                assertThat(reference(results, n.get(0))).as("found, not posted again: the earlier ts")
                        .isEqualTo(earlier.get(n.get(0)));
                assertThat(results.get(n.get(0)).path("found_in_channel").asBoolean()).isTrue();
                assertThat(n.subList(2, 5)).as("the earlier digest's notices record its ts").allSatisfy(key -> {
                    assertThat(reference(results, key)).isEqualTo(earlier.get(EARLIER_DIGEST));
                    assertThat(results.get(key).path("digest").asBoolean()).isTrue();
                });
                assertThat(results.get(n.get(1)).path("found_in_channel").asBoolean())
                        .as("posted without an answer in time, then found by the inline retry's lookup").isTrue();
                assertThat(reference(results, n.get(1))).isEqualTo(tsOf(slack, n.get(1)));
                assertThat(reference(results, n.get(5))).isEqualTo(tsOf(slack, n.get(5)));
                assertThat(results.get(n.get(5)).has("found_in_channel")).isFalse();
            }
            List<String> calls = slack.requests().stream().map(RecordedRequest::getPath)
                    .map(p -> p.replaceFirst("\\?.*", "")).toList();
            assertThat(calls.subList(0, 2)).as("the first lookups failed (503) ...")
                    .containsOnly("/api/conversations.history");
            assertThat(slack.lookups().stream().filter(r -> r.getRequestUrl().queryParameter("cursor") != null))
                    .as("the history was read past its first page (2 messages a page)").isNotEmpty();
        }
    }

    /** Leaves n0 to n5 as the class says; returns the ts of what was posted, by key. */
    private static Map<String, String> leaveAsADeadInstanceWould(Database database, SlackApiStandIn slack) {
        List<String> n = keysInIdOrder(database);
        Map<String, String> earlier = new HashMap<>();
        earlier.put(n.get(0), slack.postedBefore(n.get(0), Optional.empty()));
        earlier.put(EARLIER_DIGEST, slack.postedBefore(EARLIER_DIGEST, Optional.empty()));
        update(database, """
                update drift_action set unconfirmed_key = idempotency_key, unconfirmed_digest = false,
                       unconfirmed_since = now() - interval '10 seconds', attempts = 1, lease_until = now()
                 where idempotency_key in ('%s', '%s')""".formatted(n.get(0), n.get(1)));
        update(database, """
                update drift_action set unconfirmed_key = '%s', unconfirmed_digest = true,
                       unconfirmed_since = now() - interval '10 seconds', attempts = 1, lease_until = now()
                 where idempotency_key in ('%s', '%s', '%s')""".formatted(EARLIER_DIGEST, n.get(2), n.get(3), n.get(4)));
        update(database, "update drift_action set attempts = 1, lease_until = now() where idempotency_key = '%s'"
                .formatted(n.get(5)));
        return earlier;
    }

    private static Map<String, Long> posts(SlackApiStandIn slack) {
        return slack.posted().stream().collect(Collectors.groupingBy(SlackApiStandIn.Posted::key, Collectors.counting()));
    }

    private static String tsOf(SlackApiStandIn slack, String key) {
        return slack.posted().stream().filter(p -> key.equals(p.key())).findFirst().orElseThrow().ts();
    }

    private static String reference(Map<String, JsonNode> results, String key) {
        return results.get(key).path("reference").asText();
    }

    /** The notifications' idempotency keys, by action id. */
    private static List<String> keysInIdOrder(Database database) {
        return rows(database, "select id::text, idempotency_key from drift_action where kind = 'notify'",
                Function.identity()).entrySet().stream().sorted(Comparator.comparingLong(e -> Long.parseLong(e.getKey())))
                .map(Map.Entry::getValue).toList();
    }

    /** The delivered notifications' results, by idempotency key. */
    private static Map<String, JsonNode> results(Database database) {
        return rows(database, """
                select idempotency_key, result::text from drift_action where kind = 'notify' and state = 'delivered'""",
                UnconfirmedMessagesIT::parse);
    }

    private static long pending(Database database) {
        return rows(database, "select 'n', count(*)::text from drift_action where state = 'pending'", Long::parseLong)
                .get("n");
    }

    private static <T> Map<String, T> rows(Database database, String sql, Function<String, T> value) {
        return database.read(c -> {
            Map<String, T> rows = new HashMap<>();
            try (var ps = c.prepareStatement(sql); var rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getString(1), value.apply(rs.getString(2)));
                }
            }
            return rows;
        });
    }

    private static void update(Database database, String sql) {
        database.write(c -> {
            try (var ps = c.prepareStatement(sql)) {
                return ps.executeUpdate();
            }
        });
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

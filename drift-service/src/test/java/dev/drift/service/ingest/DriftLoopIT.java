package dev.drift.service.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drift.service.support.ServiceIT;
import dev.drift.service.system.Database;
import io.lettuce.core.Consumer;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The core loop end to end on real Redis and PostgreSQL: events in, per-field drift in the ledger,
 * {@code drift.detected} / {@code drift.resolved} out.
 */
@MicronautTest(transactional = false)
class DriftLoopIT extends ServiceIT {
    private static final String POWER = "vm.power_changed";


    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    EntryProcessor processor;

    @Inject
    Database database;


    @BeforeAll
    void connectAndWarmUp() {
        desired.poweredOnVm("warmup");
        streams.add(POWER, "{\"ci_id\":\"warmup\",\"power_state\":\"off\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> !streams.entriesFor("drift.detected", "warmup").isEmpty());
    }


    @Test
    void powerOffOpensDriftWithinASecondAndPowerOnResolvesIt() {
        desired.poweredOnVm("vm-a");

        streams.add(POWER, "{\"ci_id\":\"vm-a\",\"power_state\":\"off\"}");

        await().atMost(Duration.ofSeconds(1)).until(() -> streams.entriesFor("drift.detected", "vm-a").size() == 1);
        List<Map<String, Object>> open = events("ci=vm-a");
        assertThat(open).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("field", "power_state").containsEntry("status", "open")
                    .containsEntry("category", "state").containsEntry("desired", "on").containsEntry("actual", "off");
        });

        streams.add(POWER, "{\"ci_id\":\"vm-a\",\"power_state\":\"on\"}");

        await().atMost(Duration.ofSeconds(5)).until(() -> streams.entriesFor("drift.resolved", "vm-a").size() == 1);
        assertThat(events("ci=vm-a")).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("status", "resolved").containsEntry("resolved_by", "auto");
        });
        assertThat(streams.entriesFor("drift.detected", "vm-a")).hasSize(1);
        Map<String, Object> detail = http.toBlocking().retrieve(
                HttpRequest.GET("/drift/events/" + open.get(0).get("id")), Argument.mapOf(String.class, Object.class));
        assertThat((List<?>) detail.get("history")).hasSize(2);
    }

    @Test
    void sameEntryDeliveredTwiceChangesNothing() {
        desired.poweredOnVm("vm-twice");
        String id = addReadByGhost(Map.of("payload", "{\"ci_id\":\"vm-twice\",\"power_state\":\"off\"}")).get(0);
        // First delivery: a consumer commits the entry's effects, then dies before XACK.
        processor.process(List.of(new StreamEntry(POWER, id, Map.of("payload",
                "{\"ci_id\":\"vm-twice\",\"power_state\":\"off\"}"))));
        await().atMost(Duration.ofSeconds(5)).until(() -> streams.entriesFor("drift.detected", "vm-twice").size() == 1);

        // Second delivery: the service claims the abandoned entry and processes it again.
        await().atMost(Duration.ofSeconds(10)).until(() -> pendingCount(POWER) == 0);

        assertThat(events("ci=vm-twice")).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("occurrence_count", 1).containsEntry("status", "open"));
        assertThat(streams.entriesFor("drift.detected", "vm-twice")).hasSize(1);
    }

    @Test
    void malformedEntryGoesToDeadLetterStreamAndConsumerKeepsGoing() {
        desired.poweredOnVm("vm-after-bad");
        String bad = streams.add(POWER, Map.of("payload", "{not json", "ci_id", "vm-bad"));
        streams.add(POWER, "{\"ci_id\":\"vm-after-bad\",\"power_state\":\"off\"}");

        await().atMost(Duration.ofSeconds(5)).until(() -> deadLetter(bad) != null);
        Map<String, String> letter = deadLetter(bad);
        assertThat(letter).containsEntry("dlq_stream", POWER).containsEntry("payload", "{not json")
                .containsEntry("ci_id", "vm-bad").containsKey("dlq_failed_at");
        assertThat(letter.get("dlq_reason")).containsIgnoringCase("json");
        await().atMost(Duration.ofSeconds(5)).until(() -> streams.entriesFor("drift.detected", "vm-after-bad").size() == 1);
        assertThat(pendingCount(POWER)).isZero();
    }

    @Test
    void entriesOfAConsumerStoppedMidBatchAreProcessedByAnotherWithoutDuplicates() {
        List<Map<String, String>> batch = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            desired.poweredOnVm("vm-mid-" + i);
            batch.add(Map.of("payload", "{\"ci_id\":\"vm-mid-" + i + "\",\"power_state\":\"off\"}"));
        }
        List<String> ids = addReadByGhost(batch.toArray(Map[]::new));
        // The ghost committed the first two entries of its batch, then died without acknowledging any.
        processor.process(List.of(new StreamEntry(POWER, ids.get(0), batch.get(0)),
                new StreamEntry(POWER, ids.get(1), batch.get(1))));

        await().atMost(Duration.ofSeconds(10)).until(() -> pendingCount(POWER) == 0
                && streams.entriesFor("drift.detected", "vm-mid-4").size() == 1);

        for (int i = 1; i <= 4; i++) {
            assertThat(events("ci=vm-mid-" + i)).as("vm-mid-" + i).hasSize(1);
            assertThat(streams.entriesFor("drift.detected", "vm-mid-" + i)).as("vm-mid-" + i).hasSize(1);
        }
    }

    @Test
    void olderObservationArrivingLateDoesNotOverwriteNewer() {
        desired.poweredOnVm("vm-late");
        streams.add(POWER, "{\"ci_id\":\"vm-late\",\"power_state\":\"off\",\"observed_at\":\"2026-01-01T10:00:00Z\"}");
        await().atMost(Duration.ofSeconds(5)).until(() -> streams.entriesFor("drift.detected", "vm-late").size() == 1);

        streams.add(POWER, "{\"ci_id\":\"vm-late\",\"power_state\":\"on\",\"observed_at\":\"2026-01-01T09:59:00Z\"}");
        String marker = streams.add(POWER, "{\"ci_id\":\"vm-late-marker\",\"power_state\":\"off\"}");
        desired.poweredOnVm("vm-late-marker");
        await().atMost(Duration.ofSeconds(5)).until(() -> pendingCount(POWER) == 0 && processed(marker));

        assertThat(events("ci=vm-late")).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("status", "open").containsEntry("actual", "off"));
        assertThat(streams.entriesFor("drift.resolved", "vm-late")).isEmpty();
    }

    @Test
    void entryDeliveredTooOftenIsDeadLetteredAsPoison() {
        String id = addReadByGhost(Map.of("payload", "{\"ci_id\":\"vm-poison\",\"power_state\":\"off\"}")).get(0);
        streams.redis().xclaim(POWER, Consumer.from("drift-service", "ghost"),
                io.lettuce.core.XClaimArgs.Builder.minIdleTime(0).retryCount(10), id);

        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetter(id) != null);

        assertThat(deadLetter(id).get("dlq_reason")).startsWith("poison");
        assertThat(deadLetter(id)).containsEntry("dlq_deliveries", "10");
        assertThat(pendingCount(POWER)).isZero();
        assertThat(events("ci=vm-poison")).isEmpty();
    }

    private boolean processed(String entryId) {
        return database.read(c -> {
            try (var ps = c.prepareStatement("select 1 from processed_entry where stream = ? and entry_id = ?")) {
                ps.setString(1, POWER);
                ps.setString(2, entryId);
                try (var rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /**
     * Appends the entries and has a consumer named "ghost" read them in the same MULTI, so the
     * service's consumer, blocked on the stream, cannot get them first.
     */
    @SafeVarargs
    private List<String> addReadByGhost(Map<String, String>... entries) {
        RedisCommands<String, String> redis = streams.redis();
        redis.multi();
        for (Map<String, String> entry : entries) {
            redis.xadd(POWER, entry);
        }
        redis.xreadgroup(Consumer.from("drift-service", "ghost"), XReadArgs.Builder.count(entries.length),
                XReadArgs.StreamOffset.lastConsumed(POWER));
        var result = redis.exec();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < entries.length; i++) {
            ids.add(result.get(i));
        }
        List<StreamMessage<String, String>> read = result.get(entries.length);
        assertThat(read).extracting(StreamMessage::getId).containsExactlyElementsOf(ids);
        return ids;
    }

    private long pendingCount(String stream) {
        return streams.redis().xpending(stream, "drift-service").getCount();
    }

    private Map<String, String> deadLetter(String entryId) {
        return streams.all("drift.dlq").stream().map(StreamMessage::getBody)
                .filter(b -> entryId.equals(b.get("dlq_entry_id"))).findFirst().orElse(null);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> events(String query) {
        Map<String, Object> page = http.toBlocking().retrieve(HttpRequest.GET("/drift/events?" + query),
                Argument.mapOf(String.class, Object.class));
        return (List<Map<String, Object>>) page.get("items");
    }
}

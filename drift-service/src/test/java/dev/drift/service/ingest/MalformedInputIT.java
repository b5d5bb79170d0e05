package dev.drift.service.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drift.service.ingest.MalformedEntries.Kind;
import dev.drift.service.ingest.MalformedEntries.Outcome;
import dev.drift.service.ingest.MalformedEntries.Sample;
import dev.drift.service.support.ServiceIT;
import dev.drift.service.system.Database;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fault injection with bad input (issue 9) on real Redis and PostgreSQL: 1,000 seeded-random malformed
 * entries (invalid JSON, wrong types, missing fields, 10 MB payloads, bytes that are not UTF-8, JSON
 * nested past the parser's limit) across the six consumed streams, interleaved with valid ones. Every
 * malformed entry is dead-lettered once with a reason naming its problem, every valid one is applied,
 * nothing stays pending, the service stays up and its heap does not keep the 10 MB payloads.
 *
 * <p>An unknown CI and unknown entry fields or payload members are not bad input in drift: an
 * unknown CI is an unmanaged-CI drift on {@code ci.registered} (README, "NetBox as the source of
 * truth"), and producers may add members (openapi/events/README.md). Such entries are written too,
 * and must be applied, not dead-lettered.
 *
 * <p>The seed is {@code -Ddrift.fuzz.seed} (default {@value #DEFAULT_SEED}); failures name it.
 */
@MicronautTest(transactional = false)
class MalformedInputIT extends ServiceIT {
    private static final Logger LOG = LoggerFactory.getLogger(MalformedInputIT.class);
    private static final long DEFAULT_SEED = 9;
    private static final int MALFORMED = 1_000;
    private static final int OVERSIZE = 10;
    private static final int PER_VALID_KIND = 50;
    private static final String DLQ = "drift.dlq";
    private static final String GROUP = "drift-service";
    /** Heap the run may leave behind: less than the 10 MB payloads would take if any few were kept. */
    private static final long HEAP_GROWTH_BOUND = 48L * 1024 * 1024;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    Database database;

    private final long seed = Long.getLong("drift.fuzz.seed", DEFAULT_SEED);
    private RedisClient rawClient;
    private StatefulRedisConnection<byte[], byte[]> raw;

    @BeforeAll
    void connectRaw() {
        rawClient = RedisClient.create(property("drift.redis.uri"));
        raw = rawClient.connect(ByteArrayCodec.INSTANCE);
    }

    @AfterAll
    void closeRaw() {
        raw.close();
        rawClient.shutdown();
    }

    /** A sample as written: its entry id in its stream. */
    private record Written(Sample sample, String id) {
        String source() {
            return sample.stream() + "/" + id;
        }
    }

    @Test
    void malformedEntriesAreDeadLetteredOnceWithTheirReasonWhileValidOnesAreApplied() {
        List<Sample> samples = new MalformedEntries(seed).mix(MALFORMED, OVERSIZE, PER_VALID_KIND);
        samples.stream().filter(Sample::managed).forEach(s -> desired.write(s.ci(), MalformedEntries.desiredYaml()));
        long heapBefore = usedHeapAfterGc();
        long started = System.nanoTime();

        List<Written> written = samples.stream().map(s -> new Written(s, add(s))).toList();
        long writtenAt = System.nanoTime();
        List<Written> bad = written.stream().filter(w -> w.sample().kind().outcome == Outcome.DEAD_LETTER).toList();
        List<Written> good = written.stream().filter(w -> w.sample().kind().outcome != Outcome.DEAD_LETTER).toList();
        // Every entry handled one way or the other; which way is what the assertions check. Usually
        // 10-25 s; generous for a loaded machine.
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                .until(() -> streams.redis().xlen(DLQ) + processedSources().size() >= written.size()
                        && pendingEverywhere() == 0);
        long doneAt = System.nanoTime();
        long heapAfter = usedHeapAfterGc();
        LOG.info("seed {}: {} entries ({} malformed) written in {} ms, all handled {} ms after the first; used heap"
                        + " after GC {} MB before, {} MB after", seed, written.size(), bad.size(),
                (writtenAt - started) / 1_000_000, (doneAt - started) / 1_000_000, heapBefore >> 20, heapAfter >> 20);

        SoftAssertions softly = new SoftAssertions();
        assertDeadLetters(softly, bad, good);
        assertApplied(softly, bad, good);
        softly.assertThat(health()).as("health").containsEntry("status", "UP");
        softly.assertThat(pendingEverywhere()).as("entries pending in group " + GROUP).isZero();
        softly.assertThat(heapAfter - heapBefore).as("heap growth in bytes (seed %d)", seed)
                .isLessThan(HEAP_GROWTH_BOUND);
        softly.assertAll();
        assertStillConsuming();
    }

    /** Each malformed entry exactly once, with a reason naming its problem; nothing else. */
    private void assertDeadLetters(SoftAssertions softly, List<Written> bad, List<Written> good) {
        Map<String, List<Map<String, String>>> letters = new HashMap<>();
        for (StreamMessage<String, String> m : streams.all(DLQ)) {
            String source = m.getBody().get("dlq_stream") + "/" + m.getBody().get("dlq_entry_id");
            letters.computeIfAbsent(source, k -> new ArrayList<>()).add(m.getBody());
        }
        for (Written w : bad) {
            Sample s = w.sample();
            String what = "%s %s entry %s of %s (seed %d)".formatted(s.kind(), s.stream(), w.id(), s.ci(), seed);
            List<Map<String, String>> found = letters.getOrDefault(w.source(), List.of());
            softly.assertThat(found).as("dead letters of " + what).hasSize(1);
            if (found.size() == 1) {
                String reason = found.get(0).get("dlq_reason");
                softly.assertThat(reason).as("reason of " + what).isNotBlank();
                s.mentions().forEach(m -> softly.assertThat(reason).as("reason of " + what).containsIgnoringCase(m));
                if (s.kind() == Kind.OVERSIZE) {
                    softly.assertThat(found.get(0).get("payload")).as("payload kept of " + what)
                            .hasSizeLessThanOrEqualTo(DeadLetters.KEPT_OF_OVERSIZE);
                }
            }
        }
        Set<String> badSources = bad.stream().map(Written::source).collect(Collectors.toSet());
        softly.assertThat(letters.keySet()).as("dead letters of entries that are not malformed (seed %d)", seed)
                .allMatch(badSources::contains);
        softly.assertThat(good).as("valid entries dead-lettered").noneMatch(w -> letters.containsKey(w.source()));
    }

    /** Valid entries processed with their ledger effect; malformed ones left no trace. */
    private void assertApplied(SoftAssertions softly, List<Written> bad, List<Written> good) {
        Set<String> processed = processedSources();
        softly.assertThat(good).as("valid entries processed (seed %d)", seed)
                .allMatch(w -> processed.contains(w.source()));
        softly.assertThat(bad).as("malformed entries processed (seed %d)", seed)
                .noneMatch(w -> processed.contains(w.source()));
        Map<String, Set<String>> open = openDriftFields();
        for (Written w : good) {
            Sample s = w.sample();
            Set<String> fields = open.getOrDefault(s.ci(), Set.of());
            if (s.kind().outcome == Outcome.DRIFT) {
                softly.assertThat(fields).as("open drift of %s %s (seed %d)", s.kind(), s.ci(), seed)
                        .containsExactly(s.driftField());
            } else {
                softly.assertThat(fields).as("open drift of in-sync %s (seed %d)", s.ci(), seed).isEmpty();
            }
        }
        Set<String> badCis = bad.stream().map(w -> w.sample().ci()).collect(Collectors.toSet());
        softly.assertThat(observedCis()).as("CIs observed from malformed entries").doesNotContainAnyElementsOf(badCis);
    }

    /** The consumer is alive after the flood: a new drifting event is applied. */
    private void assertStillConsuming() {
        desired.poweredOnVm("fz-after");
        streams.add(MalformedEntries.POWER, "{\"ci_id\":\"fz-after\",\"power_state\":\"off\"}");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> openDriftFields().getOrDefault("fz-after", Set.of()).contains("power_state"));
    }

    private String add(Sample sample) {
        Map<byte[], byte[]> fields = new LinkedHashMap<>();
        sample.fields().get().forEach((k, v) -> fields.put(k.getBytes(StandardCharsets.UTF_8), v));
        return raw.sync().xadd(sample.stream().getBytes(StandardCharsets.UTF_8), fields);
    }

    private long pendingEverywhere() {
        long pending = 0;
        for (String stream : MalformedEntries.STREAMS) {
            if (streams.redis().exists(stream) > 0) {
                pending += streams.redis().xpending(stream, GROUP).getCount();
            }
        }
        return pending;
    }

    private Set<String> processedSources() {
        return database.read(c -> {
            Set<String> sources = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("select stream, entry_id from processed_entry");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sources.add(rs.getString(1) + "/" + rs.getString(2));
                }
            }
            return sources;
        });
    }

    private Map<String, Set<String>> openDriftFields() {
        return database.read(c -> {
            Map<String, Set<String>> byCi = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "select ci_id, field_path from drift_event where status <> 'resolved'");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byCi.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
                }
            }
            return byCi;
        });
    }

    private Set<String> observedCis() {
        return database.read(c -> {
            Set<String> cis = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("select distinct ci_id from actual_state");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    cis.add(rs.getString(1));
                }
            }
            return cis;
        });
    }

    private Map<String, Object> health() {
        return http.toBlocking().retrieve(HttpRequest.GET("/health"), Argument.mapOf(String.class, Object.class));
    }

    /** Used heap after a full collection (System.gc() is one on the JVM's default collector, G1). */
    private static long usedHeapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}

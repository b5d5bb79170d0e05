package dev.drift.demo.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Offers events at a fixed rate (open loop: a late send does not delay the schedule) and measures,
 * per event, the time from just before its XADD to the arrival of the {@code drift.detected} or
 * {@code drift.resolved} message it caused, matched through the message's {@code actual_source}.
 *
 * <p>In a mixed workload ({@code drifting} below 100 %) the other events come from steady CIs
 * ({@link BenchEvents#steadyEvent}): they cause no message and are not measured, but the service
 * processes them like any other.
 *
 * <p>Each run starts with a warm-up at the same rate whose events are sent and awaited but not
 * measured: the first seconds at a new rate ran with the JIT compiler still busy on the new batch
 * sizes (a third of a core in one profile) and measured the service's warm-up, not its steady state.
 */
final class LatencyRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What one run measured: {@code sent} counts the warm-up's events too, {@code transitions} those
     * of them that drifted, {@code latency} only the drifting ones after the warm-up whose message
     * arrived, and {@code unseen} those whose message had not arrived 30 s after the last send (a
     * saturated run): they are not in the percentiles, which are therefore a lower bound.
     */
    record Result(int offeredRate, double achievedRate, int sent, int transitions, Percentiles latency,
                  int unseen) {
    }

    private final StatefulRedisConnection<String, String> producer;
    private final StatefulRedisConnection<String, String> listener;
    private final int cis;

    LatencyRun(StatefulRedisConnection<String, String> producer, StatefulRedisConnection<String, String> listener,
               int cis) {
        this.producer = producer;
        this.listener = listener;
        this.cis = cis;
    }

    /**
     * Offers {@code warmupSeconds} then {@code seconds} of events at {@code rate}, {@code drifting} %
     * of them drifting; measures the drifting ones of the latter. The drifting events continue the
     * flip sequence at {@code firstTransition} ({@link BenchEvents#event}).
     */
    Result run(int rate, int warmupSeconds, int seconds, long firstTransition, int drifting)
            throws InterruptedException {
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> seenAt = new ConcurrentHashMap<>();
        String detectedFrom = lastId("drift.detected");
        String resolvedFrom = lastId("drift.resolved");
        int warmup = rate * warmupSeconds;
        int total = warmup + rate * seconds;
        int transitions = BenchEvents.driftingAmong(total, drifting);
        Thread reader = Thread.ofPlatform().name("bench-listener").start(
                () -> listen(detectedFrom, resolvedFrom, seenAt, transitions));
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        long transition = firstTransition;
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            boolean drifts = BenchEvents.drifts(i, drifting);
            Map<String, String> event = drifts ? BenchEvents.event(transition++, cis) : BenchEvents.steadyEvent(i, cis);
            long before = System.nanoTime();
            String id = producer.sync().xadd(BenchEvents.STREAM, event);
            if (drifts && i >= warmup) {
                sentAt.put(id, before);
            }
        }
        double achieved = total / ((System.nanoTime() - start) / 1e9);
        reader.join(TimeUnit.SECONDS.toMillis(30));
        reader.interrupt();
        long[] latencies = sentAt.entrySet().stream().filter(e -> seenAt.containsKey(e.getKey()))
                .mapToLong(e -> seenAt.get(e.getKey()) - e.getValue()).toArray();
        return new Result(rate, achieved, total, transitions, Percentiles.of(latencies),
                sentAt.size() - latencies.length);
    }

    private void listen(String detectedFrom, String resolvedFrom, Map<String, Long> seenAt, int expected) {
        String detected = detectedFrom;
        String resolved = resolvedFrom;
        while (seenAt.size() < expected && !Thread.currentThread().isInterrupted()) {
            List<StreamMessage<String, String>> batch = listener.sync().xread(XReadArgs.Builder.block(200).count(1000),
                    XReadArgs.StreamOffset.from("drift.detected", detected),
                    XReadArgs.StreamOffset.from("drift.resolved", resolved));
            long now = System.nanoTime();
            for (StreamMessage<String, String> m : batch) {
                if (m.getStream().equals("drift.detected")) {
                    detected = m.getId();
                } else {
                    resolved = m.getId();
                }
                String source = actualSource(m.getBody().get("payload"));
                if (source != null && source.startsWith(BenchEvents.STREAM + "/")) {
                    seenAt.putIfAbsent(source.substring(BenchEvents.STREAM.length() + 1), now);
                }
            }
        }
    }

    private String lastId(String stream) {
        List<StreamMessage<String, String>> last = producer.sync().xrevrange(stream, io.lettuce.core.Range.unbounded(),
                io.lettuce.core.Limit.from(1));
        return last.isEmpty() ? "0-0" : last.get(0).getId();
    }

    private static String actualSource(String payload) {
        try {
            JsonNode node = JSON.readTree(payload);
            return node.path("actual_source").asText(null);
        } catch (IOException e) {
            return null;
        }
    }
}

package dev.drift.demo.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Offers events at a fixed rate (open loop: a late send does not delay the schedule) and measures,
 * per event, the time from when its XADD was due in the schedule to the arrival of the
 * {@code drift.detected} or {@code drift.resolved} message it caused, matched through the message's
 * {@code actual_source}.
 *
 * <p>From the due time, not from the moment of the XADD: the load generator runs in the service's
 * JVM, so a garbage collection or a busy core that stops the service stops the generator too, and
 * the events due meanwhile go out late. Timed from their late XADD they would not show that stall,
 * although the clients they stand for, on other machines, would have sent them on time and waited
 * (coordinated omission). How late the XADDs went out is reported beside the latency
 * ({@link Result#sendLag}).
 *
 * <p>The XADDs are pipelined on one connection: the generator does not wait for one's reply before
 * it sends the next, as the independent agents it stands for would not. Waiting for each reply
 * (before 2026-12-07 13:00 UTC) made every send take a Redis round trip on a busy machine, which at
 * 5,000/s (one send due every 200 µs) made the generator itself late.
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
     * arrived (from their due time), {@code sendLag} how late the XADDs of those went out against
     * the schedule, {@code fromXadd} their latency from the XADD itself (what runs before
     * 2026-12-07 07:30 UTC reported), and {@code unseen} those whose message had not arrived 30 s
     * after the last send (a saturated run): they are not in the percentiles, which are therefore a
     * lower bound.
     */
    record Result(int offeredRate, double achievedRate, int sent, int transitions, Percentiles latency,
                  Percentiles sendLag, Percentiles fromXadd, int unseen) {
    }

    /**
     * One measured event's XADD: when the schedule had it due, and when it was made, never before
     * ({@link System#nanoTime}).
     */
    record Send(long due, long made) {
        Send {
            if (made < due) {
                throw new IllegalArgumentException("an XADD made before it was due");
            }
        }
    }

    /** The latencies of the measured events whose message was seen, from their due time. */
    static Result result(int rate, double achieved, int total, int transitions, Map<String, Send> sends,
                         Map<String, Long> seenAt) {
        List<Map.Entry<String, Send>> seen = sends.entrySet().stream()
                .filter(e -> seenAt.containsKey(e.getKey())).toList();
        long[] latencies = seen.stream().mapToLong(e -> seenAt.get(e.getKey()) - e.getValue().due()).toArray();
        long[] lags = seen.stream().mapToLong(e -> e.getValue().made() - e.getValue().due()).toArray();
        long[] fromXadd = seen.stream().mapToLong(e -> seenAt.get(e.getKey()) - e.getValue().made()).toArray();
        return new Result(rate, achieved, total, transitions, Percentiles.of(latencies), Percentiles.of(lags),
                Percentiles.of(fromXadd), sends.size() - latencies.length);
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
        Map<String, Send> sends = new ConcurrentHashMap<>();
        Map<String, Long> seenAt = new ConcurrentHashMap<>();
        String detectedFrom = lastId("drift.detected");
        String resolvedFrom = lastId("drift.resolved");
        int warmup = rate * warmupSeconds;
        int total = warmup + rate * seconds;
        int transitions = BenchEvents.driftingAmong(total, drifting);
        Thread reader = Thread.ofPlatform().name("bench-listener").start(
                () -> listen(detectedFrom, resolvedFrom, seenAt, transitions));
        Schedule schedule = new Schedule(total, warmup, TimeUnit.SECONDS.toNanos(1) / rate, drifting, firstTransition, cis);
        long start = System.nanoTime();
        List<CompletableFuture<String>> xadds = offer(schedule,
                event -> producer.async().xadd(BenchEvents.STREAM, event), sends);
        double achieved = total / ((System.nanoTime() - start) / 1e9);
        awaitReplies(xadds);
        reader.join(TimeUnit.SECONDS.toMillis(30));
        reader.interrupt();
        return result(rate, achieved, total, transitions, sends, seenAt);
    }

    /**
     * What {@link #offer} sends: {@code total} events, one every {@code intervalNanos}, of which
     * {@code drifting} % drift (from {@code firstTransition} on) and those after the first
     * {@code warmup} are measured.
     */
    record Schedule(int total, int warmup, long intervalNanos, int drifting, long firstTransition, int cis) {
    }

    /**
     * Sends the schedule's events, each when it is due, through {@code xadd} without waiting for
     * its reply, and returns the replies. A measured event's {@link Send} is put in {@code sends}
     * under its stream id when its reply arrives.
     */
    static List<CompletableFuture<String>> offer(Schedule schedule,
                                                 Function<Map<String, String>, CompletionStage<String>> xadd,
                                                 Map<String, Send> sends) {
        List<CompletableFuture<String>> replies = new ArrayList<>(schedule.total());
        long start = System.nanoTime();
        long transition = schedule.firstTransition();
        for (int i = 0; i < schedule.total(); i++) {
            long due = start + i * schedule.intervalNanos();
            parkUntil(due);
            boolean drifts = BenchEvents.drifts(i, schedule.drifting());
            Map<String, String> event = drifts ? BenchEvents.event(transition++, schedule.cis())
                    : BenchEvents.steadyEvent(i, schedule.cis());
            long made = System.nanoTime();
            CompletableFuture<String> reply = xadd.apply(event).toCompletableFuture();
            if (drifts && i >= schedule.warmup()) {
                Send send = new Send(due, made);
                reply = reply.thenApply(id -> {
                    sends.put(id, send);
                    return id;
                });
            }
            replies.add(reply);
        }
        return replies;
    }

    private static void parkUntil(long due) {
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
    }

    /** Waits for every XADD's reply; a refused or lost XADD fails the run rather than go unmeasured. */
    private static void awaitReplies(List<CompletableFuture<String>> xadds) {
        try {
            CompletableFuture.allOf(xadds.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the XADDs' replies", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("an XADD of the latency run failed", e);
        }
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

package dev.drift.demo.bench;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's workload: CIs {@code bench-<n>} whose desired power state is on, and power events
 * that flip each CI off and on in turn, so every event is a drift transition (open or resolve):
 * the most expensive case for the pipeline. A mixed workload ({@link #drifts}) adds events from as
 * many steady CIs, {@code bench-steady-<n>}, which always report the desired state.
 */
final class BenchEvents {
    static final String STREAM = "vm.power_changed";

    private BenchEvents() {
    }

    static Path desiredState(int cis) {
        return desiredState(cis, false);
    }

    /** The desired state of the CIs, and of as many steady CIs when {@code withSteady}. */
    static Path desiredState(int cis, boolean withSteady) {
        try {
            Path dir = Files.createTempDirectory("drift-bench-desired-");
            for (int i = 0; i < cis; i++) {
                Files.writeString(dir.resolve(ci(i) + ".yaml"), "type: vm\nfields:\n  power_state: on\n");
                if (withSteady) {
                    Files.writeString(dir.resolve(steadyCi(i) + ".yaml"), "type: vm\nfields:\n  power_state: on\n");
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String ci(int i) {
        return "bench-" + i;
    }

    static String steadyCi(int i) {
        return "bench-steady-" + i;
    }

    /**
     * Whether the i-th event of a mixed workload with {@code percent} % drifting events is a drifting
     * one: spread evenly, {@code percent} of every 100 consecutive events.
     */
    static boolean drifts(long i, int percent) {
        return (i + 1) * percent / 100 > i * percent / 100;
    }

    /** How many of the first {@code events} events of such a mix drift: the sum of {@link #drifts}. */
    static int driftingAmong(int events, int percent) {
        return (int) ((long) events * percent / 100);
    }

    /** The i-th event from a steady CI: it reports the desired state, so it changes nothing. */
    static Map<String, String> steadyEvent(long i, int cis) {
        return Map.of("payload", "{\"ci_id\":\"" + steadyCi((int) (i % cis)) + "\",\"power_state\":\"on\"}");
    }

    /** The n-th event of a sequence over {@code cis} CIs: round r of CI c is off when r is even. */
    static Map<String, String> event(long n, int cis) {
        int ci = (int) (n % cis);
        boolean off = (n / cis) % 2 == 0;
        return Map.of("payload", "{\"ci_id\":\"" + ci(ci) + "\",\"power_state\":\"" + (off ? "off" : "on") + "\"}");
    }

    /** Appends {@code count} events that confirm the desired state (power on), spread over the CIs. */
    static void preloadCompliant(StatefulRedisConnection<String, String> connection, int count, int cis) {
        append(connection, count, n -> Map.of("payload",
                "{\"ci_id\":\"" + ci((int) (n % cis)) + "\",\"power_state\":\"on\"}"));
    }

    /** Appends events {@code from..from+count-1}, pipelined. */
    static void preload(StatefulRedisConnection<String, String> connection, long from, int count, int cis) {
        append(connection, count, n -> event(from + n, cis));
    }

    /** Appends {@code count} entries, the n-th given by {@code entry}, pipelined. */
    static void append(StatefulRedisConnection<String, String> connection, int count,
                               java.util.function.LongFunction<Map<String, String>> entry) {
        var async = connection.async();
        List<RedisFuture<String>> pending = new ArrayList<>();
        for (long n = 0; n < count; n++) {
            pending.add(async.xadd(STREAM, entry.apply(n)));
            if (pending.size() == 1000) {
                LettuceFutures.awaitAll(Duration.ofSeconds(30), pending.toArray(RedisFuture[]::new));
                pending.clear();
            }
        }
        LettuceFutures.awaitAll(Duration.ofSeconds(30), pending.toArray(RedisFuture[]::new));
    }
}

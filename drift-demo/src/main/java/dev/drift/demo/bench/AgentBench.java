package dev.drift.demo.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drift.embedded.EmbeddedServers;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code ./drift bench-agent [saves] [rate] [files]}: drift-agent against the shell pipeline it
 * replaces ({@link ReferencePipeline}), in the same run, on the same embedded Redis:
 * <ul>
 *   <li><b>latency</b>: {@code saves} file saves (default 200) at {@code rate}/s (default 10, which the
 *       shell pipeline keeps up with) over 200
 *       files; for each save, the time from the file's close to the first stream entry for it
 *       (the entry id's time: Redis's clock, 1 ms resolution), p50/p99, entries per save, saves lost;</li>
 *   <li><b>sustained changes/s</b>: {@code files} files (default 2,000) each changed once as fast as
 *       possible; changes per second until the last one is in the stream, and files never reported;</li>
 *   <li><b>startup scan</b>: the agent's scan of a copy of {@code /etc} against its baseline, in this JVM
 *       and in the agent's own JVM from process start, against {@code aide --check} of the same tree,
 *       five rounds each, alternating (see {@link ScanBench}).</li>
 * </ul>
 */
public final class AgentBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LATENCY_FILES = 200;

    /** A file watcher publishing to a Redis stream. */
    interface Contender extends AutoCloseable {
        String name();

        /** The stream it publishes file changes to. */
        String stream();

        /** Starts watching {@code directory} (recursively); returns once it listens and has reported what it found. */
        void start(Path directory) throws Exception;

        @Override
        void close();
    }

    /** What one contender did in one phase. */
    record Figures(String contender, int saves, int entries, int lost, double p50Ms, double p99Ms, double perSecond) {
    }

    private AgentBench() {
    }

    public static void main(String[] args) throws Exception {
        int saves = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int files = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        try (EmbeddedServers servers = EmbeddedServers.start();
             RedisClient client = RedisClient.create(servers.redisUri())) {
            RedisCommands<String, String> redis = client.connect().sync();
            URI uri = URI.create(servers.redisUri());
            List<Figures> latency = new ArrayList<>();
            List<Figures> throughput = new ArrayList<>();
            AgentContender agent = new AgentContender(servers.redisUri(), redis);
            for (Contender contender : List.of(new ReferencePipeline(uri.getHost(), uri.getPort()), agent)) {
                latency.add(latency(contender, redis, saves, rate));
                throughput.add(throughput(contender, redis, files));
            }
            print(latency, throughput, saves, rate, files);
            System.out.printf("  drift-agent memory after the sustained run: %s (goal RSS < 64 MB; JVM flags %s)%n",
                    agent.memory(), String.join(" ", AgentContender.JVM_FLAGS));
            summarize(latency, throughput, agent.rssMb());
            ScanBench.run(java.util.Optional.of(servers.redisUri()));
        }
    }

    private static Figures latency(Contender contender, RedisCommands<String, String> redis, int saves, int rate)
            throws Exception {
        Path dir = directoryOf("f", LATENCY_FILES);
        String stream = contender.stream();
        List<Save> done = new ArrayList<>();
        String after;
        try (contender) {
            after = startOn(contender, redis, dir);
            long interval = 1_000_000_000L / rate;
            long next = System.nanoTime();
            for (int i = 0; i < saves; i++) {
                LockSupport.parkNanos(next - System.nanoTime());
                next += interval;
                Path file = dir.resolve("f" + (i % LATENCY_FILES) + ".conf");
                Files.writeString(file, "setting = " + (i + 1) + "\n");
                done.add(new Save(file.toString(), Instant.now()));
            }
            awaitQuiet(redis, stream);
        }
        List<Entry> entries = entries(redis, stream, after);
        deleteTree(dir);
        return match(contender.name(), done, entries, rate);
    }

    /** A new directory of {@code files} small configuration files named {@code <prefix><n>.conf}. */
    private static Path directoryOf(String prefix, int files) throws IOException {
        Path dir = Files.createTempDirectory("drift-bench-" + prefix + "-");
        for (int i = 0; i < files; i++) {
            Files.writeString(dir.resolve(prefix + i + ".conf"), "setting = 0\n");
        }
        return dir;
    }

    private static Figures throughput(Contender contender, RedisCommands<String, String> redis, int files)
            throws Exception {
        Path dir = directoryOf("t", files);
        String stream = contender.stream();
        List<Save> done = new ArrayList<>();
        Instant started;
        String after;
        try (contender) {
            after = startOn(contender, redis, dir);
            started = Instant.now();
            for (int i = 0; i < files; i++) {
                Path file = dir.resolve("t" + i + ".conf");
                Files.writeString(file, "setting = 1\n");
                done.add(new Save(file.toString(), Instant.now()));
            }
            awaitQuiet(redis, stream);
            if (contender instanceof AgentContender agent) {
                agent.sampleMemory();
            }
        }
        List<Entry> entries = entries(redis, stream, after);
        deleteTree(dir);
        long lastMs = entries.stream().mapToLong(Entry::millis).max().orElse(started.toEpochMilli());
        double seconds = Math.max(1, lastMs - started.toEpochMilli()) / 1000.0;
        Figures matched = match(contender.name(), done, entries, 0);
        return new Figures(contender.name(), files, entries.size(), matched.lost(), matched.p50Ms(), matched.p99Ms(),
                (files - matched.lost()) / seconds);
    }

    private record Save(String path, Instant closedAt) {
    }

    private record Entry(String path, long millis) {
    }

    /** For each save, the first entry for its file at or after its close (1 ms slack for the id's resolution). */
    private static Figures match(String name, List<Save> saves, List<Entry> entries, double perSecond) {
        Map<String, List<Long>> byPath = new HashMap<>();
        entries.forEach(e -> byPath.computeIfAbsent(e.path(), p -> new ArrayList<>()).add(e.millis()));
        byPath.values().forEach(list -> list.sort(Comparator.naturalOrder()));
        Map<String, Integer> cursor = new HashMap<>();
        List<Double> latencies = new ArrayList<>();
        int lost = 0;
        for (Save save : saves) {
            List<Long> times = byPath.getOrDefault(save.path(), List.of());
            int from = cursor.getOrDefault(save.path(), 0);
            double closed = save.closedAt().toEpochMilli() + save.closedAt().getNano() % 1_000_000 / 1e6;
            int i = from;
            while (i < times.size() && times.get(i) < Math.floor(closed) - 1) {
                i++;
            }
            if (i < times.size()) {
                latencies.add(Math.max(0, times.get(i) + 0.5 - closed));
                cursor.put(save.path(), i + 1);
            } else {
                lost++;
            }
        }
        latencies.sort(Comparator.naturalOrder());
        return new Figures(name, saves.size(), entries.size(), lost, percentile(latencies, 0.50),
                percentile(latencies, 0.99), perSecond);
    }

    private static double percentile(List<Double> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    /** Waits until the stream has stopped growing for two seconds (at most two minutes). */
    private static void awaitQuiet(RedisCommands<String, String> redis, String stream) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        long length = -1;
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long now = redis.xlen(stream);
            if (now != length) {
                length = now;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince > Duration.ofSeconds(2).toNanos()) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    /** Starts the contender on an empty stream; returns the id of its last entry once it is ready. */
    private static String startOn(Contender contender, RedisCommands<String, String> redis, Path dir) throws Exception {
        redis.del(contender.stream());
        contender.start(dir);
        List<StreamMessage<String, String>> last = redis.xrevrange(contender.stream(), Range.create("-", "+"),
                io.lettuce.core.Limit.from(1));
        return last.isEmpty() ? "0-0" : last.getFirst().getId();
    }

    /** Entries after {@code after}: what the saves caused, not the startup report. */
    private static List<Entry> entries(RedisCommands<String, String> redis, String stream, String after)
            throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (StreamMessage<String, String> m : redis.xrange(stream,
                Range.from(Range.Boundary.excluding(after), Range.Boundary.unbounded()))) {
            String path = JSON.readTree(m.getBody().get("payload")).path("path").asText();
            entries.add(new Entry(path, Long.parseLong(m.getId().substring(0, m.getId().indexOf('-')))));
        }
        return entries;
    }

    private static void print(List<Figures> latency, List<Figures> throughput, int saves, int rate, int files) {
        System.out.printf("%nAgent vs the reference shell pipeline (same Redis, same run)%n");
        System.out.printf("latency: %d saves at %d/s over %d files, close -> stream entry (1 ms resolution)%n",
                saves, rate, LATENCY_FILES);
        System.out.printf("  %-26s %8s %8s %10s %6s%n", "", "p50 ms", "p99 ms", "entries/save", "lost");
        latency.forEach(f -> System.out.printf("  %-26s %8.1f %8.1f %10.2f %6d%n", f.contender(), f.p50Ms(), f.p99Ms(),
                f.entries() / (double) f.saves(), f.lost()));
        System.out.printf("sustained: %,d files changed once, as fast as possible%n", files);
        System.out.printf("  %-26s %12s %6s%n", "", "changes/s", "lost");
        throughput.forEach(f -> System.out.printf("  %-26s %12.0f %6d%n", f.contender(), f.perSecond(), f.lost()));
        if (throughput.size() == 2) {
            System.out.printf("  ratio agent/reference changes/s %.1f (goal >= 10)%n",
                    throughput.get(1).perSecond() / throughput.get(0).perSecond());
        }
    }

    private static void summarize(List<Figures> latency, List<Figures> throughput, double rssMb) {
        Figures shell = latency.get(0);
        Figures agent = latency.get(1);
        new BenchSummary("agent", "close -> XADD p50 / p99", BenchSummary.number(agent.p50Ms(), "%.1f") + " / "
                + BenchSummary.number(agent.p99Ms(), "%.1f ms"), BenchSummary.number(shell.p99Ms(), "%.1f ms p99 shell"),
                BenchSummary.number(agent.p99Ms() / shell.p99Ms(), "%.2f"), "p99 < 10 ms",
                BenchSummary.Met.of(agent.p99Ms() < 10)).record();
        double perSave = agent.entries() / (double) agent.saves();
        new BenchSummary("agent", "stream entries per save", BenchSummary.number(perSave, "%.2f"),
                BenchSummary.number(shell.entries() / (double) shell.saves(), "%.2f shell"), "-", "1",
                BenchSummary.Met.of(perSave < 1.05)).record();
        double ratio = throughput.get(1).perSecond() / throughput.get(0).perSecond();
        int lost = throughput.get(1).lost() + agent.lost();
        new BenchSummary("agent", "sustained changes/s (lost)", BenchSummary.number(throughput.get(1).perSecond(), "%,.0f")
                + " (" + lost + ")", BenchSummary.number(throughput.get(0).perSecond(), "%,.0f shell"),
                BenchSummary.number(ratio, "%.0f"), ">= 10x, 0 lost", BenchSummary.Met.of(ratio >= 10 && lost == 0))
                .record();
        new BenchSummary("agent", "resident memory after the sustained run", BenchSummary.number(rssMb, "%.0f MB"), "-",
                "-", "< 64 MB", BenchSummary.Met.of(rssMb < 64)).record();
    }

    static void deleteTree(Path directory) throws IOException {
        try (var paths = Files.walk(directory)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}

package dev.drift.demo.bench;

import dev.drift.agent.Agent;
import dev.drift.agent.change.ScanReport;
import dev.drift.agent.config.AgentConfig;
import dev.drift.agent.config.HostRoot;
import dev.drift.agent.config.PathPatterns;
import dev.drift.agent.config.WatchTarget;
import dev.drift.agent.event.EventSink;
import dev.drift.agent.event.OutboundEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The agent's startup scan of a copy of {@code /etc} against {@code aide --check} of the same tree
 * (Debian package aide), both comparing with a baseline taken just before and after the same ten
 * files changed: the agent reads, hashes (sha256), parses and diffs every file; AIDE checks
 * permissions, owner, group, size, mtime and sha256 ({@code p+u+g+s+m+sha256}). Each is run three
 * times; the best time counts, so a noisy neighbour does not decide.
 */
final class ScanBench {
    private static final int RUNS = 3;

    private ScanBench() {
    }

    static void run() throws Exception {
        Path work = Files.createTempDirectory("drift-bench-scan-");
        Path etc = work.resolve("etc");
        try {
            copyEtc(etc);
            long files = countFiles(etc);
            Path state = work.resolve("agent-state");
            scan(etc, state);
            Optional<Path> aideConfig = aideInit(work, etc);
            touchTen(etc);
            Duration agentBest = Duration.ofDays(1);
            ScanReport report = null;
            for (int i = 0; i < RUNS; i++) {
                Path copy = work.resolve("agent-state-" + i);
                copyTree(state, copy);
                report = scan(etc, copy);
                agentBest = min(agentBest, report.took());
            }
            System.out.printf("startup scan of a copy of /etc (%,d files; 10 changed since the baseline), best of %d%n",
                    files, RUNS);
            System.out.printf("  drift-agent startup scan        %8.0f ms   (%d changes, %d snapshots)%n",
                    agentBest.toNanos() / 1e6, report.changed(), report.snapshots());
            if (aideConfig.isEmpty()) {
                System.out.println("  aide --check                    not measured: aide is not installed (apt-get install aide)");
                return;
            }
            Duration aideBest = Duration.ofDays(1);
            for (int i = 0; i < RUNS; i++) {
                aideBest = min(aideBest, aide(aideConfig.get(), "--check"));
            }
            System.out.printf("  aide --check (p+u+g+s+m+sha256) %8.0f ms%n", aideBest.toNanos() / 1e6);
            double ratio = agentBest.toNanos() / (double) aideBest.toNanos();
            System.out.printf("  ratio agent/aide %.2f (goal <= 1)%n", ratio);
            new BenchSummary("agent", "startup scan of /etc (%,d files)".formatted(files),
                    BenchSummary.number(agentBest.toNanos() / 1e6, "%.0f ms"),
                    BenchSummary.number(aideBest.toNanos() / 1e6, "%.0f ms aide --check"),
                    BenchSummary.number(ratio, "%.2f"), "<= 1", BenchSummary.Met.of(ratio <= 1)).record();
        } finally {
            AgentBench.deleteTree(work);
        }
    }

    private static ScanReport scan(Path etc, Path state) {
        AtomicLong published = new AtomicLong();
        EventSink counting = new EventSink() {
            @Override
            public void publish(OutboundEvent event) {
                published.incrementAndGet();
            }

            @Override
            public long pending() {
                return 0;
            }

            @Override
            public void close() {
            }
        };
        AgentConfig d = AgentConfig.defaults("bench-node");
        AgentConfig config = new AgentConfig("bench-node", List.of(WatchTarget.tree(etc.toString())), state,
                PathPatterns.of(AgentConfig.DEFAULT_SENSITIVE), PathPatterns.of(AgentConfig.DEFAULT_IGNORE),
                d.coalesce(), d.contentMaxBytes(), d.redisUri(), state.resolve("spool"), d.spoolMaxBytes(),
                d.heartbeatInterval(), true, Optional.empty(), HostRoot.NODE);
        try (Agent agent = Agent.start(config, counting, Clock.systemUTC())) {
            return agent.startupScan();
        }
    }

    /** Writes an AIDE configuration for the tree and its initial database; empty without aide. */
    private static Optional<Path> aideInit(Path work, Path etc) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/aide"))) {
            return Optional.empty();
        }
        Path db = work.resolve("aide.db");
        Path config = Files.writeString(work.resolve("aide.conf"), """
                database_in=file:%s
                database_out=file:%s.new
                gzip_dbout=no
                DRIFT = p+u+g+s+m+sha256
                %s DRIFT
                """.formatted(db, db, etc));
        aide(config, "--init");
        Files.move(work.resolve("aide.db.new"), db);
        return Optional.of(config);
    }

    private static Duration aide(Path config, String mode) throws Exception {
        long start = System.nanoTime();
        Process p = new ProcessBuilder("aide", mode, "--config=" + config).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("aide " + mode + " did not finish");
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static void copyEtc(Path target) throws Exception {
        Process cp = new ProcessBuilder("cp", "-a", "/etc/.", target.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Files.createDirectories(target);
        cp.waitFor(5, TimeUnit.MINUTES);
    }

    private static void copyTree(Path from, Path to) throws Exception {
        new ProcessBuilder("cp", "-a", from.toString(), to.toString()).start().waitFor(5, TimeUnit.MINUTES);
    }

    /** Ten regular files get a new line, as a configuration change would. */
    private static void touchTen(Path etc) throws IOException {
        try (Stream<Path> files = Files.walk(etc)) {
            for (Path file : files.filter(f -> Files.isRegularFile(f) && Files.isWritable(f)).limit(10).toList()) {
                Files.writeString(file, "\n# changed by the benchmark\n", java.nio.file.StandardOpenOption.APPEND);
            }
        }
    }

    private static long countFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}

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
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The agent's startup scan of a copy of {@code /etc} against {@code aide --check} of the same tree
 * (Debian package aide), both comparing with a baseline taken just before the same ten files
 * changed: the agent reads, hashes (sha256), parses and diffs every file and publishes a snapshot of
 * each unchanged one; AIDE checks permissions, owner, group, size, mtime and sha256
 * ({@code p+u+g+s+m+sha256}). Both record a symbolic link by the path it points to.
 *
 * <p>Each round runs, one after the other: the agent in this JVM ({@code Agent.start}: baseline
 * loaded, watches registered, scan, snapshots to a counting sink), {@code aide --check}, the agent as
 * it runs on a node ({@link AgentScanProcess}: its own JVM with deploy/agent/jvm.options, from
 * process start to the end of its startup scan), and {@code aide --check} again. Every run is
 * printed; the ratios are per round (each agent run over the AIDE run beside it), and their median
 * is the figure, so a noisy neighbour moves single rounds, not the result.
 *
 * <p>{@code ./drift bench-scan [rounds]} runs this part alone (the agent's JVM then publishes with
 * {@code --dry-run}); {@code ./drift bench-agent} runs it after the latency runs, publishing to the
 * benchmark's Redis.
 */
public final class ScanBench {
    private static final int DEFAULT_ROUNDS = 5;
    /** Held so that the level sticks: the agent's INFO lines would be interleaved with the figures. */
    private static final Logger AGENT_LOG = Logger.getLogger("dev.drift.agent");

    private ScanBench() {
    }

    public static void main(String[] args) throws Exception {
        run(Optional.empty(), args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_ROUNDS);
    }

    /** @param redisUri where the agent's own JVM publishes; empty: {@code --dry-run} */
    static void run(Optional<String> redisUri) throws Exception {
        run(redisUri, DEFAULT_ROUNDS);
    }

    private record Round(double inProcessMs, double scanMs, double aideMs, double jvmMs, double jvmScanMs,
                         double aide2Ms) {
        double inProcessRatio() {
            return inProcessMs / aideMs;
        }

        double scanRatio() {
            return scanMs / aideMs;
        }

        double jvmRatio() {
            return jvmMs / aide2Ms;
        }
    }

    private static void run(Optional<String> redisUri, int rounds) throws Exception {
        AGENT_LOG.setLevel(Level.WARNING);
        Path work = Files.createTempDirectory("drift-bench-scan-");
        Path etc = work.resolve("etc");
        try {
            copyEtc(etc);
            Path state = work.resolve("agent-state");
            scan(etc, state);
            Optional<Path> aideConfig = aideInit(work, etc);
            touchTen(etc);
            System.out.printf("%nstartup scan of a copy of /etc (%s; 10 changed since the baseline), %d rounds%n",
                    describe(etc), rounds);
            if (aideConfig.isEmpty()) {
                System.out.println("  aide is not installed (apt-get install aide): the agent alone");
            }
            AgentScanProcess jvm = new AgentScanProcess(etc, redisUri);
            List<Round> done = new ArrayList<>();
            ScanReport report = null;
            for (int i = 0; i < rounds; i++) {
                Path copy = copyTree(state, work.resolve("agent-state-" + i));
                long start = System.nanoTime();
                report = scan(etc, copy);
                double inProcess = (System.nanoTime() - start) / 1e6;
                double aide = aideConfig.isPresent() ? aide(aideConfig.get(), "--check") : Double.NaN;
                AgentScanProcess.Run own = jvm.run(copyTree(state, work.resolve("agent-jvm-state-" + i)));
                double aide2 = aideConfig.isPresent() ? aide(aideConfig.get(), "--check") : Double.NaN;
                Round round = new Round(inProcess, report.took().toNanos() / 1e6, aide, own.startToScannedMs(),
                        own.scanMs(), aide2);
                done.add(round);
                System.out.printf("  round %d: agent in-process %4.0f ms (scan %4.0f ms), aide --check %4.0f ms;"
                                + " agent JVM start-to-snapshot %4.0f ms (scan %4.0f ms), aide --check %4.0f ms%n",
                        i + 1, round.inProcessMs(), round.scanMs(), round.aideMs(), round.jvmMs(), round.jvmScanMs(),
                        round.aide2Ms());
            }
            System.out.printf("  the agent found %d changes and %d unchanged files, read %,d KiB of content (%d files)%n",
                    report.changed(), report.snapshots(), report.bytesRead() / 1024, report.files());
            System.out.printf("  agent JVM: %s, %s%n", String.join(" ", AgentContender.JVM_FLAGS),
                    redisUri.isPresent() ? "publishing to Redis" : "--dry-run (events to stdout, discarded)");
            summarize(done);
        } finally {
            AgentBench.deleteTree(work);
        }
    }

    private static void summarize(List<Round> rounds) {
        double scan = median(rounds.stream().mapToDouble(Round::scanMs).toArray());
        double inProcess = median(rounds.stream().mapToDouble(Round::inProcessMs).toArray());
        double jvm = median(rounds.stream().mapToDouble(Round::jvmMs).toArray());
        double aide = median(rounds.stream().flatMapToDouble(r -> java.util.stream.DoubleStream.of(r.aideMs(),
                r.aide2Ms())).toArray());
        double scanRatio = median(rounds.stream().mapToDouble(Round::scanRatio).toArray());
        double inProcessRatio = median(rounds.stream().mapToDouble(Round::inProcessRatio).toArray());
        double jvmRatio = median(rounds.stream().mapToDouble(Round::jvmRatio).toArray());
        System.out.printf("  medians: aide --check %.0f ms; agent scan %.0f ms (ratio %.2f), agent in-process start"
                        + " %.0f ms (ratio %.2f), agent JVM start-to-snapshot %.0f ms (ratio %.2f); goal ratio <= 1%n",
                aide, scan, scanRatio, inProcess, inProcessRatio, jvm, jvmRatio);
        new BenchSummary("agent", "startup scan of /etc, in-process (median)", BenchSummary.number(scan, "%.0f ms"),
                BenchSummary.number(aide, "%.0f ms aide --check"), BenchSummary.number(scanRatio, "%.2f"), "<= 1",
                BenchSummary.Met.of(scanRatio <= 1)).record();
        new BenchSummary("agent", "agent JVM start to end of startup scan (median)", BenchSummary.number(jvm, "%.0f ms"),
                BenchSummary.number(aide, "%.0f ms aide --check"), BenchSummary.number(jvmRatio, "%.2f"), "<= 1",
                BenchSummary.Met.of(jvmRatio <= 1)).record();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static ScanReport scan(Path etc, Path state) {
        EventSink discarding = new EventSink() {
            /** The scan is measured, not a sink: events are dropped. */
            @Override
            public void publish(OutboundEvent event) {
                Objects.requireNonNull(event);
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
        try (Agent agent = Agent.start(config, discarding, Clock.systemUTC())) {
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

    /** One AIDE run, in milliseconds. */
    private static double aide(Path config, String mode) throws Exception {
        long start = System.nanoTime();
        Process p = new ProcessBuilder("aide", mode, "--config=" + config).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("aide " + mode + " did not finish");
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private static void copyEtc(Path target) throws Exception {
        Process cp = new ProcessBuilder("cp", "-a", "/etc/.", target.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Files.createDirectories(target);
        cp.waitFor(5, TimeUnit.MINUTES);
    }

    private static Path copyTree(Path from, Path to) throws Exception {
        new ProcessBuilder("cp", "-a", from.toString(), to.toString()).start().waitFor(5, TimeUnit.MINUTES);
        return to;
    }

    /** Ten regular files get a new line, as a configuration change would. */
    private static void touchTen(Path etc) throws IOException {
        try (Stream<Path> files = Files.walk(etc)) {
            for (Path file : files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) && Files.isWritable(f))
                    .limit(10).toList()) {
                Files.writeString(file, "\n# changed by the benchmark\n", java.nio.file.StandardOpenOption.APPEND);
            }
        }
    }

    /** How many regular files and symbolic links the tree holds, and the regular files' size. */
    private static String describe(Path directory) throws IOException {
        long files = 0;
        long links = 0;
        long bytes = 0;
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                if (Files.isSymbolicLink(p)) {
                    links++;
                } else if (Files.isRegularFile(p)) {
                    files++;
                    bytes += Files.size(p);
                }
            }
        }
        return "%,d regular files of %,d KiB, %,d symbolic links".formatted(files, bytes / 1024, links);
    }
}

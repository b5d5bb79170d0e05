package dev.drift.demo.bench;

import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * drift-agent as it runs on a node: its own JVM ({@link #JVM_FLAGS}: deploy/agent/jvm.options, and
 * {@code MALLOC_ARENA_MAX=1}) with only the agent's classpath, watching the directory recursively,
 * publishing to Redis, probes off. Ready once its startup scan has published a snapshot of every
 * file. Also reports its resident memory.
 */
final class AgentContender implements AgentBench.Contender {
    /** The agent's JVM settings, as the deploy files run it (systemd unit, image, DaemonSet). */
    static final List<String> JVM_FLAGS = List.of("@" + Path.of("deploy/agent/jvm.options").toAbsolutePath());
    private static final String STREAM = "drift.file_changed";

    private final String redisUri;
    private final RedisCommands<String, String> redis;
    private Process process;
    private Path state;
    private String rss = "-";
    private double rssMb = Double.NaN;

    AgentContender(String redisUri, RedisCommands<String, String> redis) {
        this.redisUri = redisUri;
        this.redis = redis;
    }

    @Override
    public String name() {
        return "drift-agent";
    }

    @Override
    public String stream() {
        return STREAM;
    }

    @Override
    public void start(Path directory) throws Exception {
        state = Files.createTempDirectory("drift-bench-agent-state-");
        List<String> command = agentCommand(directory, state, state.resolve("lib"));
        command.addAll(List.of("--redis", redisUri));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(state.resolve("agent.log").toFile());
        builder.environment().put("MALLOC_ARENA_MAX", "1");
        process = builder.start();
        awaitStartupScan(countFiles(directory));
    }

    /**
     * The command that starts drift-agent in its own JVM with {@code jvm.options}, watching {@code tree}
     * recursively (probes off) with its state in {@code stateDir}; the configuration file is written to
     * {@code configDir}. Callers add {@code --redis} or {@code --dry-run}.
     */
    static List<String> agentCommand(Path tree, Path configDir, Path stateDir) throws IOException {
        Path config = Files.writeString(configDir.resolve("agent.yml"), """
                watch:
                  - {path: "%s", recursive: true}
                probes: {enabled: false}
                """.formatted(tree));
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(JVM_FLAGS);
        command.addAll(List.of("-cp", agentClasspath(), "dev.drift.agent.AgentMain",
                "--config", config.toString(), "--ci-id", "bench-node", "--state-dir", stateDir.toString()));
        return command;
    }

    /** Only the agent's own jars, as a node has them: not the benchmark's service and Micronaut. */
    static String agentClasspath() throws IOException {
        Path listed = Path.of("drift-agent/target/runtime-classpath.txt");
        if (!Files.exists(listed)) {
            throw new IOException(listed + " is missing: build with ./drift build first");
        }
        return "drift-agent/target/classes:" + Files.readString(listed).strip();
    }

    /**
     * The startup scan publishes every file (created on a first start, snapshot after), after the
     * watches are in place.
     */
    private void awaitStartupScan(long files) throws IOException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("drift-agent exited " + process.exitValue() + ": " + log());
            }
            if (redis.xlen(STREAM) >= files) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        throw new IOException("drift-agent did not finish its startup scan: " + log());
    }

    private String log() throws IOException {
        return Files.readString(state.resolve("agent.log"));
    }

    private static long countFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    /** Resident and peak resident memory of the agent's process now, from /proc. */
    void sampleMemory() throws IOException {
        List<String> status = Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"));
        String now = status.stream().filter(l -> l.startsWith("VmRSS:")).findFirst().orElse("VmRSS: ?");
        String peak = status.stream().filter(l -> l.startsWith("VmHWM:")).findFirst().orElse("VmHWM: ?");
        rssMb = kilobytes(now) / 1024.0;
        rss = now.replaceAll("\\s+", " ") + ", peak " + peak.replaceAll("\\s+", " ").replace("VmHWM: ", "");
    }

    String memory() {
        return rss;
    }

    /** Resident memory at the last sample, in MiB; NaN before one. */
    double rssMb() {
        return rssMb;
    }

    private static long kilobytes(String statusLine) {
        String digits = statusLine.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? -1 : Long.parseLong(digits);
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            process.waitFor(20, TimeUnit.SECONDS);
            AgentBench.deleteTree(state);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            System.err.println("could not remove " + state + ": " + e.getMessage());
        }
    }
}

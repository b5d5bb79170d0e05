package dev.drift.demo.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * drift-agent's startup scan as a node runs it: its own JVM ({@link AgentContender#JVM_FLAGS}, with
 * {@code MALLOC_ARENA_MAX=1}) on its own classpath, watching a tree recursively, probes off. Timed
 * from process start to the log line the agent writes once the scan has published its snapshots.
 */
final class AgentScanProcess {
    private static final Pattern SCANNED = Pattern.compile("startup scan: .*?, (\\d+) ms");

    private final Path tree;
    private final Optional<String> redisUri;

    /** One run: wall time from process start to the end of the scan, and the scan as the agent timed it. */
    record Run(double startToScannedMs, double scanMs) {
    }

    AgentScanProcess(Path tree, Optional<String> redisUri) {
        this.tree = tree;
        this.redisUri = redisUri;
    }

    /** Starts the agent on the given state directory (a baseline of the tree), waits for its scan, stops it. */
    Run run(Path state) throws Exception {
        List<String> command = AgentContender.agentCommand(tree, state, state);
        redisUri.ifPresentOrElse(uri -> command.addAll(List.of("--redis", uri)), () -> command.add("--dry-run"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("MALLOC_ARENA_MAX", "1");
        long start = System.nanoTime();
        Process process = builder.start();
        try {
            CompletableFuture<Run> scanned = CompletableFuture.supplyAsync(() -> awaitScanned(process, start));
            return scanned.get(2, TimeUnit.MINUTES);
        } finally {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static Run awaitScanned(Process process, long start) {
        List<String> log = new ArrayList<>();
        try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = err.readLine()) != null; ) {
                Matcher scanned = SCANNED.matcher(line);
                if (scanned.find()) {
                    return new Run((System.nanoTime() - start) / 1e6, Double.parseDouble(scanned.group(1)));
                }
                log.add(line);
            }
        } catch (IOException e) {
            throw new IllegalStateException("reading the agent's log", e);
        }
        throw new IllegalStateException("drift-agent exited before its startup scan: " + String.join("\n", log));
    }
}

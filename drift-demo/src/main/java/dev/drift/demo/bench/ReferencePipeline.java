package dev.drift.demo.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The shell agent drift-agent replaces, exactly as issue 7 quotes it:
 * {@code inotifywait -m -r <dir> --format '{"path":"%w%f","event":"%e"}' | while read -r e; do
 * redis-cli XADD <stream> '*' payload "$e" ci_id <ci>; done}, run by bash (needs the Debian packages
 * inotify-tools and redis-tools).
 */
final class ReferencePipeline implements AgentBench.Contender {
    private final String redisHost;
    private final int redisPort;
    private Process process;

    ReferencePipeline(String redisHost, int redisPort) {
        this.redisHost = redisHost;
        this.redisPort = redisPort;
    }

    @Override
    public String name() {
        return "inotifywait | redis-cli";
    }

    @Override
    public String stream() {
        return "bench.reference";
    }

    @Override
    public void start(Path directory) throws IOException {
        requireCommands();
        String stream = stream();
        String script = "inotifywait -m -r '" + directory + "' --format '{\"path\":\"%w%f\",\"event\":\"%e\"}' "
                + "| while read -r e; do redis-cli -h " + redisHost + " -p " + redisPort + " XADD " + stream
                + " '*' payload \"$e\" ci_id bench-node >/dev/null; done";
        process = new ProcessBuilder(List.of("bash", "-c", script)).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(this::awaitWatches);
        try {
            if (!ready.get(60, TimeUnit.SECONDS)) {
                throw new IOException("inotifywait did not establish its watches");
            }
        } catch (Exception e) {
            close();
            throw new IOException("reference pipeline did not start: " + e.getMessage(), e);
        }
    }

    /** The pipeline's two tools, from Debian's inotify-tools and redis-tools, must be on the PATH. */
    static void requireCommands() throws IOException {
        for (String command : List.of("inotifywait", "redis-cli")) {
            if (!onPath(command)) {
                throw new IOException(command + " is not installed: the reference pipeline needs it"
                        + " (apt-get install -y inotify-tools redis-tools)");
            }
        }
    }

    private static boolean onPath(String command) throws IOException {
        try {
            Process which = new ProcessBuilder("bash", "-c", "command -v " + command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return which.waitFor() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while looking for " + command, e);
        }
    }

    /** inotifywait says "Watches established." on stderr once it listens. */
    private boolean awaitWatches() {
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = err.readLine()) != null) {
                if (line.contains("Watches established")) {
                    Thread.ofVirtual().start(() -> drain(err));
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static void drain(BufferedReader err) {
        try {
            while (err.readLine() != null) {
                // keep the pipe from filling up
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

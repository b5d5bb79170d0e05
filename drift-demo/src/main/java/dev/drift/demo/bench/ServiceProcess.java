package dev.drift.demo.bench;

import dev.drift.embedded.EmbeddedServers;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * drift-service as it is deployed: its own JVM, with only the service's jar and runtime
 * dependencies on the class path ({@code drift-service/target/classes} and {@code target/lib}, as
 * the image has {@code /app/drift-service.jar:/app/lib/*}) and the image's JVM flags under the
 * Kubernetes Deployment's 1 GiB memory limit ({@link #JVM_FLAGS}). Configured by system properties;
 * ready once {@code /health} answers 200. Its memory is read from {@code /proc} and the JDK's tools.
 */
final class ServiceProcess implements AutoCloseable {
    /**
     * {@code -XX:MaxRAMPercentage=75} is the image's entry point; {@code -XX:MaxRAM=1g} makes the JVM
     * size itself as under the Deployment's {@code limits.memory: 1Gi} (max heap 768 MB, and, below
     * 1,792 MB of memory, the serial collector, as in that container). Native heap trimming and
     * {@code MALLOC_ARENA_MAX=2} are the image's too.
     */
    static final List<String> JVM_FLAGS = List.of("-XX:MaxRAM=1g", "-XX:MaxRAMPercentage=75",
            "-XX:+UnlockExperimentalVMOptions", "-XX:TrimNativeHeapInterval=5000");

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the service against the servers with the given extra settings, and waits until it is
     * healthy (at most three minutes).
     */
    static ServiceProcess start(EmbeddedServers servers, Map<String, Object> settings) throws IOException {
        int port = freePort();
        Path log = Files.createTempFile("drift-bench-service-", ".log");
        List<String> command = new ArrayList<>();
        command.add(tool("java"));
        command.addAll(JVM_FLAGS);
        servers.micronautProperties().forEach((k, v) -> command.add("-D" + k + "=" + v));
        settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-Dmicronaut.server.port=" + port);
        command.addAll(List.of("-cp", serviceClasspath(), "dev.drift.service.Application"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        Process process = builder.start();
        ServiceProcess service = new ServiceProcess(process, port, log);
        service.awaitHealthy();
        return service;
    }

    /** The image's class path: the service's classes and its runtime dependencies, nothing of the bench. */
    private static String serviceClasspath() throws IOException {
        Path lib = Path.of("drift-service/target/lib");
        if (!Files.isDirectory(lib)) {
            throw new IOException(lib + " is missing: build with ./drift build first");
        }
        return "drift-service/target/classes:" + lib + "/*";
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    long pid() {
        return process.pid();
    }

    private void awaitHealthy() throws IOException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("drift-service exited " + process.exitValue() + ":\n" + logTail());
            }
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(uri("/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            pause(Duration.ofMillis(500));
        }
        throw new IOException("drift-service did not become healthy:\n" + logTail());
    }

    /** Resident memory now, in MB (from {@code /proc/<pid>/status}). */
    double rssMb() throws IOException {
        return JvmMemory.rssKb(Files.readString(Path.of("/proc/" + process.pid() + "/status"))) / 1024.0;
    }

    /** Forces a full collection ({@code jcmd GC.run}), then reads the heap ({@code jstat -gc}). */
    JvmMemory.Heap heapAfterGc() throws IOException {
        run(tool("jcmd"), Long.toString(process.pid()), "GC.run");
        return JvmMemory.heap(run(tool("jstat"), "-gc", Long.toString(process.pid())));
    }

    /** A tool of the JDK that runs this bench (jcmd, jstat, java). */
    private static String tool(String name) {
        Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        Path sibling = java.resolveSibling(name);
        return Files.isExecutable(sibling) ? sibling.toString() : name;
    }

    private static String run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out;
    }

    private String logTail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(log);
    }
}

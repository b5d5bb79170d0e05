package dev.drift.agent.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * drift-agent as deployed: its own JVM with {@code deploy/agent/jvm.options}, publishing to a real
 * Redis. Guards the lean lettuce setup the memory goal depends on (README, drift-agent: memory):
 * one Redis thread and none of lettuce's default resources, command APIs or DNS resolver.
 */
class AgentProcessIT {
    private static final Path OPTIONS = Path.of("..", "deploy", "agent", "jvm.options").toAbsolutePath();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path state;
    @TempDir
    Path redisData;
    @TempDir
    Path watched;
    private EmbeddedRedis redis;
    private Process agent;

    @BeforeEach
    void start() throws IOException {
        redis = EmbeddedRedis.start(redisData);
        Files.writeString(watched.resolve("app.conf"), "setting = 1\n");
        Path config = Files.writeString(state.resolve("agent.yml"), """
                watch:
                  - {path: "%s", recursive: true}
                probes: {enabled: false}
                """.formatted(watched));
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "@" + OPTIONS, "-Xlog:class+load=info:file=" + state.resolve("classes.log"),
                "-cp", System.getProperty("java.class.path"), "dev.drift.agent.AgentMain",
                "--config", config.toString(), "--ci-id", "node-1", "--state-dir", state.resolve("lib").toString(),
                "--redis", "redis://127.0.0.1:" + redis.port()));
        agent = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(state.resolve("agent.log").toFile()).start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        agent.destroy();
        agent.waitFor(20, TimeUnit.SECONDS);
        redis.close();
    }

    @Test
    void publishesThroughOneRedisThreadWithoutLettucesDefaultResourcesOrCommandApis() throws Exception {
        await().atMost(PATIENCE).until(() -> redis.length(Heartbeat.STREAM) > 0 && reportsOfTheFile() == 1);
        Files.writeString(watched.resolve("app.conf"), "setting = 2\n");
        await().atMost(PATIENCE).until(() -> reportsOfTheFile() == 2);

        assertThat(threadNames()).as(log()).contains(AgentClientResources.THREAD)
                .noneMatch(name -> name.startsWith("lettuce-"));
        assertThat(Files.readAllLines(state.resolve("classes.log")))
                .noneMatch(line -> line.contains(" io.lettuce.core.resource.DefaultClientResources "))
                .noneMatch(line -> line.contains(" io.lettuce.core.AbstractRedisReactiveCommands "))
                .noneMatch(line -> line.contains(" io.lettuce.core.AbstractRedisAsyncCommands "))
                .noneMatch(line -> line.contains(" io.lettuce.core.FutureSyncInvocationHandler "))
                .noneMatch(line -> line.contains(" io.netty.util.HashedWheelTimer "))
                .noneMatch(line -> line.contains(" io.netty.resolver.dns."));
    }

    private long reportsOfTheFile() {
        return redis.entries(Events.STREAM).stream()
                .filter(e -> Events.parse(e.getBody().get("payload")).path("path").asText().endsWith("/app.conf"))
                .count();
    }

    /** The kernel's names of the agent's threads (Linux; truncated to 15 characters). */
    private List<String> threadNames() throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(agent.pid()), "task"))) {
            List<String> names = new ArrayList<>();
            for (Path task : (Iterable<Path>) tasks::iterator) {
                names.add(Files.readString(task.resolve("comm")).strip());
            }
            return names;
        }
    }

    private String log() throws IOException {
        return Files.readString(state.resolve("agent.log"));
    }
}

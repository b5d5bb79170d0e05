package dev.drift.agent.publish;

import static dev.drift.agent.publish.Events.STREAM;
import static dev.drift.agent.publish.Events.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of a real agent process in the middle of spooling, then a restart with Redis up. */
class KilledAgentIT {
    private static final int REPORTED = 200;

    @TempDir
    Path state;
    @TempDir
    Path redisData;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aRestartAfterKillMinus9DeliversEverythingReportedAsSpooledAndContinuesSeqAboveIt() throws Exception {
        killAfterReportedSpooled(REPORTED);

        try (EmbeddedRedis redis = EmbeddedRedis.start(redisData);
             RedisSink restarted = new RedisSink(Events.settings(redis.port(), state))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> restarted.pending() == 0);
            List<JsonNode> replayed = payloads(redis);
            restarted.publish(Events.fileChanged(0));

            assertThat(replayed.size()).isGreaterThanOrEqualTo(REPORTED);
            assertThat(replayed).extracting(p -> p.get("path").asText()).containsExactlyElementsOf(
                    IntStream.rangeClosed(1, replayed.size()).mapToObj(n -> "/etc/file-" + n).toList());
            assertThat(replayed).extracting(p -> p.get("seq").asLong()).isSorted().doesNotHaveDuplicates();
            long lastReplayedSeq = replayed.getLast().get("seq").asLong();
            assertThat(payloads(redis).getLast().get("seq").asLong()).isGreaterThan(lastReplayedSeq);
        }
    }

    /** Runs {@link SpoolingAgent} until it has reported {@code count} events spooled, then SIGKILLs it. */
    private void killAfterReportedSpooled(int count) throws IOException, InterruptedException {
        Process agent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                SpoolingAgent.class.getName(), state.toString(), Integer.toString(Events.freePort()))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            while (line != null && !line.equals("spooled " + count)) {
                line = out.readLine();
            }
            assertThat(line).as("the agent process reported %d events spooled", count).isNotNull();
            agent.destroyForcibly();
        }
        assertThat(agent.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(agent.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
    }

    private static List<JsonNode> payloads(EmbeddedRedis redis) {
        return redis.entries(STREAM).stream().map(e -> parse(e.getBody().get("payload"))).toList();
    }
}

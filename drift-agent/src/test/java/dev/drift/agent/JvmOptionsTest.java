package dev.drift.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** deploy/agent/jvm.options, which the image, the systemd unit and the benchmark run the agent with. */
class JvmOptionsTest {
    private static final Path OPTIONS = Path.of("..", "deploy", "agent", "jvm.options");

    @Test
    void aJavaOfTheSupportedKindStartsWithEveryOption() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process process = new ProcessBuilder(java, "@" + OPTIONS.toAbsolutePath(), "-version").redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).doesNotContainIgnoringCase("warning").doesNotContainIgnoringCase("unrecognized");
    }

    @Test
    void heapAndCollectorAreSizedForTheMemoryGoal() throws IOException {
        List<String> options = Files.readAllLines(OPTIONS).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();

        assertThat(options).allMatch(option -> option.startsWith("-"), "one option a line")
                .contains("-Xmx24m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:MaxHeapFreeRatio=20",
                        "-Xshare:off", "-Dio.netty.allocator.type=unpooled");
    }
}

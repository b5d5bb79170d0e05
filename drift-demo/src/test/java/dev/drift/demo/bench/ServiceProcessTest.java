package dev.drift.demo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** bench-memory measures the service as the image runs it. */
class ServiceProcessTest {
    private static final Path IMAGE = Path.of("..", "deploy", "docker", "service.Dockerfile");

    @Test
    void benchmarkRunsTheServiceWithTheImagesJvmFlagsAndMallocArenas() throws IOException {
        String dockerfile = Files.readString(IMAGE);
        String entrypoint = dockerfile.lines().filter(l -> l.startsWith("ENTRYPOINT")).findFirst().orElseThrow();

        assertThat(ServiceProcess.JVM_FLAGS).first().isEqualTo("-XX:MaxRAM=1g");
        ServiceProcess.JVM_FLAGS.stream().skip(1)
                .forEach(flag -> assertThat(entrypoint).contains("\"" + flag + "\""));
        assertThat(dockerfile).contains("ENV MALLOC_ARENA_MAX=2");
    }
}

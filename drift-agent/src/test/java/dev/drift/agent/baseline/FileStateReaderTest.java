package dev.drift.agent.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.agent.config.AgentConfig;
import dev.drift.agent.config.PathPatterns;
import dev.drift.agent.redact.SensitiveFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStateReaderTest {
    @TempDir
    Path dir;
    private final FileStateReader reader = new FileStateReader(
            new SensitiveFiles(PathPatterns.of(AgentConfig.DEFAULT_SENSITIVE)), 64);

    @Test
    void readsHashModeOwnerGroupSizeAndText() throws IOException {
        Path file = Files.writeString(dir.resolve("hosts"), "abc");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        FileState state = reader.read(file).orElseThrow().state();

        assertThat(state.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(state.mode()).isEqualTo("0640");
        assertThat(state.owner()).isEqualTo(Files.getOwner(file).getName());
        assertThat(state.group()).isNotEmpty();
        assertThat(state.size()).isEqualTo(3);
        assertThat(state.content()).contains("abc");
        assertThat(state.sensitive()).isFalse();
    }

    @Test
    void withholdsTheContentOfAFileHoldingAPrivateKeyButKeepsItsTextForParsers() throws IOException {
        Path file = Files.writeString(dir.resolve("tls.pem"), "-----BEGIN PRIVATE KEY-----\n");

        Observation observation = reader.read(file).orElseThrow();

        assertThat(observation.state().sensitive()).isTrue();
        assertThat(observation.state().content()).isEmpty();
        assertThat(observation.toString()).doesNotContain("BEGIN");
    }

    @Test
    void keepsNoTextOfBinaryOrOversizedFiles() throws IOException {
        Path binary = Files.write(dir.resolve("bin"), new byte[] {1, 0, 2});
        Path large = Files.writeString(dir.resolve("large"), "x".repeat(65));

        assertThat(reader.read(binary).orElseThrow().text()).isEmpty();
        FileState state = reader.read(large).orElseThrow().state();
        assertThat(state.content()).isEmpty();
        assertThat(state.size()).isEqualTo(65);
    }

    @Test
    void anAbsentFileOrADirectoryIsNoFile() throws IOException {
        assertThat(reader.read(dir.resolve("missing"))).isEmpty();
        assertThat(reader.read(dir)).isEmpty();
    }
}

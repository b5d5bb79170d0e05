package dev.drift.agent.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.agent.config.AgentConfig;
import dev.drift.agent.config.PathPatterns;
import dev.drift.agent.redact.SensitiveFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
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

    @Test
    void recordsALinkByThePathItPointsToOrReadsThroughItWhenFollowing() throws IOException {
        Path target = Files.writeString(dir.resolve("stub-resolv.conf"), "nameserver 127.0.0.53\n");
        Path link = Files.createSymbolicLink(dir.resolve("resolv.conf"), Path.of("stub-resolv.conf"));

        FileState recorded = reader.read(link, Links.RECORD).orElseThrow().state();
        Observation followed = reader.read(link, Links.FOLLOW).orElseThrow();

        assertThat(recorded.type()).isEqualTo(FileType.SYMLINK);
        assertThat(recorded.linkTarget()).contains("stub-resolv.conf");
        assertThat(recorded.sha256()).isEqualTo(FileStateReader.sha256("stub-resolv.conf".getBytes(StandardCharsets.UTF_8)));
        assertThat(recorded.size()).isEqualTo("stub-resolv.conf".length());
        assertThat(followed.state().type()).isEqualTo(FileType.REGULAR);
        assertThat(followed.state().sha256()).isEqualTo(reader.read(target).orElseThrow().state().sha256());
        assertThat(followed.text()).contains("nameserver 127.0.0.53\n");
    }

    @Test
    void aDanglingLinkIsRecordedButIsNoFileWhenFollowed() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere"));

        assertThat(reader.read(link, Links.RECORD)).map(o -> o.state().linkTarget().orElseThrow())
                .contains(dir.resolve("nowhere").toString());
        assertThat(reader.read(link, Links.FOLLOW)).isEmpty();
    }

    @Test
    void aSessionReadsAFileReachedThroughSeveralHardLinksOnce() throws IOException {
        Path first = Files.writeString(dir.resolve("first"), "shared text\n");
        Path second = Files.createLink(dir.resolve("second"), first);
        ReadSession session = reader.session();

        FileState a = session.read(first, Links.RECORD).orElseThrow().state();
        FileState b = session.read(second, Links.RECORD).orElseThrow().state();

        assertThat(b).isEqualTo(a);
        assertThat(session.bytesRead()).isEqualTo("shared text\n".length());
        Files.writeString(second, "changed text\n");
        assertThat(session.read(first, Links.RECORD).orElseThrow().state().content()).contains("changed text\n");
    }

    @Test
    void namesOwnerAndGroupAsTheSystemDoesForEveryFileOfASession() throws IOException {
        ReadSession session = reader.session();
        for (int i = 0; i < 3; i++) {
            Path file = Files.writeString(dir.resolve("f" + i), "x" + i);
            FileState state = session.read(file, Links.RECORD).orElseThrow().state();
            assertThat(state.owner()).isEqualTo(Files.getOwner(file).getName());
            assertThat(state.group()).isEqualTo(Files.readAttributes(file, PosixFileAttributes.class).group().getName());
        }
    }
}

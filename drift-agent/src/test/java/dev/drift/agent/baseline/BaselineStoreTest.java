package dev.drift.agent.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineStoreTest {
    private static final Path HOSTS = Path.of("/etc/hosts");
    private static final FileState STATE = new FileState("a".repeat(64), "0644", "root", "root", 20, false,
            Optional.of("127.0.0.1 localhost\n"));

    @TempDir
    Path state;

    @Test
    void keepsTheBaselineAcrossRestarts() {
        BaselineStore.open(state).put(HOSTS, STATE);

        BaselineStore reopened = BaselineStore.open(state);

        assertThat(reopened.paths()).containsExactly(HOSTS);
        assertThat(reopened.get(HOSTS)).contains(STATE);
    }

    @Test
    void removingForgetsThePath() {
        BaselineStore store = BaselineStore.open(state);
        store.put(HOSTS, STATE);

        store.remove(HOSTS);

        assertThat(store.get(HOSTS)).isEmpty();
        assertThat(BaselineStore.open(state).paths()).isEmpty();
    }

    @Test
    void writesAtomicallyLeavingNoTemporaryFilesInAPrivateDirectory() throws IOException {
        BaselineStore store = BaselineStore.open(state);
        store.put(HOSTS, STATE);
        store.put(HOSTS, STATE);

        try (Stream<Path> files = Files.list(state.resolve("baseline"))) {
            assertThat(files.map(f -> f.getFileName().toString())).singleElement().asString().endsWith(".json")
                    .doesNotStartWith(".tmp");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("baseline"))))
                .isEqualTo("rwx------");
    }

    @Test
    void aCorruptBaselineFileIsTreatedAsAbsent() throws IOException {
        BaselineStore.open(state).put(HOSTS, STATE);
        try (Stream<Path> files = Files.list(state.resolve("baseline"))) {
            Files.writeString(files.findFirst().orElseThrow(), "{\"path\": \"/etc/hosts\", \"sha");
        }

        assertThat(BaselineStore.open(state).get(HOSTS)).isEmpty();
    }

    @Test
    void aBaselineFileCutInItsTextIsTreatedAsAbsent() throws IOException {
        BaselineStore.open(state).put(HOSTS, STATE);
        try (Stream<Path> files = Files.list(state.resolve("baseline"))) {
            Path file = files.findFirst().orElseThrow();
            String whole = Files.readString(file);
            Files.writeString(file, whole.substring(0, whole.indexOf("localhost")));
        }

        assertThat(BaselineStore.open(state).paths()).isEmpty();
    }

    @Test
    void keepsALinkAsALinkAcrossRestarts() {
        Path vi = Path.of("/etc/alternatives/vi");
        FileState link = new FileState("b".repeat(64), "0777", "root", "root", 17, false,
                Optional.of("/usr/bin/vim.basic"), FileType.SYMLINK);
        BaselineStore.open(state).put(vi, link);

        BaselineStore reopened = BaselineStore.open(state);

        assertThat(reopened.get(vi)).contains(link);
        assertThat(reopened.state(vi).orElseThrow().sameContent(link)).isTrue();
        assertThat(reopened.state(vi).orElseThrow().sameContent(new FileState("b".repeat(64), "0777", "root", "root",
                17, false, Optional.empty()))).as("a regular file with the same hash").isFalse();
    }

    @Test
    void holdsWhatIsComparedInMemoryAndReadsTheTextFromDisk() throws IOException {
        BaselineStore store = BaselineStore.open(state);
        store.put(HOSTS, STATE);
        try (Stream<Path> files = Files.list(state.resolve("baseline"))) {
            Files.writeString(files.findFirst().orElseThrow(), "{\"path\": \"/etc/hosts\", \"sha");
        }

        assertThat(store.state(HOSTS)).contains(STATE.withoutContent());
        assertThat(store.get(HOSTS)).as("the text, from the file now corrupt").isEmpty();
    }

    @Test
    void opensAManyFileBaselineWhole() {
        BaselineStore store = BaselineStore.open(state);
        for (int i = 0; i < 500; i++) {
            store.put(Path.of("/etc/conf.d/" + i), STATE);
        }

        BaselineStore reopened = BaselineStore.open(state);

        assertThat(reopened.paths()).hasSize(500).isSorted();
        assertThat(reopened.pathsUnder(Path.of("/etc/conf.d"))).hasSize(500);
        assertThat(reopened.state(Path.of("/etc/conf.d/499"))).contains(STATE.withoutContent());
    }
}

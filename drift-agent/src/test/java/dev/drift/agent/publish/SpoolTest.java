package dev.drift.agent.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drift.agent.event.EventSink.SinkFullException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
    private static final SpoolBound ROOMY = new SpoolBound(1024 * 1024, 1000);

    @TempDir
    Path directory;

    @Test
    void keepsEntriesInOrderAcrossAReopen() {
        try (Spool spool = Spool.open(directory, ROOMY)) {
            IntStream.rangeClosed(1, 3).forEach(seq -> spool.append(entry(seq)));
        }

        try (Spool reopened = Spool.open(directory, ROOMY)) {
            assertThat(reopened.depth()).isEqualTo(3);
            assertThat(seqs(reopened.peek(10))).containsExactly(1L, 2L, 3L);
            assertThat(reopened.peek(10).get(1).entry()).isEqualTo(entry(2));
        }
    }

    @Test
    void acknowledgedEntriesAreNotReadAgainAfterAReopen() {
        try (Spool spool = Spool.open(directory, ROOMY)) {
            IntStream.rangeClosed(1, 5).forEach(seq -> spool.append(entry(seq)));
            List<SpoolFormat.Read.Record> firstTwo = spool.peek(2);
            spool.acknowledge(firstTwo.get(1), 2);
        }

        try (Spool reopened = Spool.open(directory, ROOMY)) {
            assertThat(reopened.depth()).isEqualTo(3);
            assertThat(seqs(reopened.peek(10))).containsExactly(3L, 4L, 5L);
        }
    }

    @Test
    void aDrainedSpoolLeavesOneEmptyFile() throws IOException {
        try (Spool spool = Spool.open(directory, ROOMY)) {
            IntStream.rangeClosed(1, 3).forEach(seq -> spool.append(entry(seq)));
            List<SpoolFormat.Read.Record> all = spool.peek(10);
            spool.acknowledge(all.getLast(), 3);
            spool.append(entry(4));

            assertThat(seqs(spool.peek(10))).containsExactly(4L);
        }

        assertThat(spoolFiles()).hasSize(1);
        assertThat(Files.size(spoolFiles().getFirst())).isLessThan(100);
    }

    @Test
    void aLongSpoolIsCompactedWhileDrainingAndKeepsItsTail() throws IOException {
        String bulk = "x".repeat(100_000);
        try (Spool spool = Spool.open(directory, new SpoolBound(Long.MAX_VALUE, 1000))) {
            IntStream.rangeClosed(1, 60).forEach(seq -> spool.append(
                    new StreamEntry("drift.file_changed", "host-01", seq, "{\"diff\":\"" + bulk + "\"}")));
            List<SpoolFormat.Read.Record> first45 = spool.peek(45);
            spool.acknowledge(first45.getLast(), 45);
        }

        assertThat(Files.size(spoolFiles().getFirst())).isLessThan(16 * 100_100L);
        try (Spool reopened = Spool.open(directory, ROOMY)) {
            assertThat(seqs(reopened.peek(100))).containsExactlyElementsOf(
                    IntStream.rangeClosed(46, 60).mapToObj(Long::valueOf).toList());
        }
    }

    @Test
    void aRecordCutShortByACrashIsDiscardedAndTheOthersKept() throws IOException {
        try (Spool spool = Spool.open(directory, ROOMY)) {
            IntStream.rangeClosed(1, 3).forEach(seq -> spool.append(entry(seq)));
        }
        Path file = spoolFiles().getFirst();
        long whole = Files.size(file);
        byte[] fourth = SpoolFormat.encode(entry(4)).array();
        Files.write(file, Arrays.copyOf(fourth, fourth.length - 7), StandardOpenOption.APPEND);

        try (Spool reopened = Spool.open(directory, ROOMY)) {
            assertThat(reopened.depth()).isEqualTo(3);
            assertThat(Files.size(file)).isEqualTo(whole);
            reopened.append(entry(5));
            assertThat(seqs(reopened.peek(10))).containsExactly(1L, 2L, 3L, 5L);
        }
    }

    @Test
    void aRecordWithABadChecksumEndsTheSpool() throws IOException {
        try (Spool spool = Spool.open(directory, ROOMY)) {
            IntStream.rangeClosed(1, 2).forEach(seq -> spool.append(entry(seq)));
        }
        Path file = spoolFiles().getFirst();
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 0x1;
        Files.write(file, bytes);

        try (Spool reopened = Spool.open(directory, ROOMY)) {
            assertThat(seqs(reopened.peek(10))).containsExactly(1L);
        }
    }

    @Test
    void refusesEntriesBeyondItsRecordBoundAndKeepsTheEarlierOnes() {
        try (Spool spool = Spool.open(directory, new SpoolBound(1024 * 1024, 2))) {
            spool.append(entry(1));
            spool.append(entry(2));

            assertThatThrownBy(() -> spool.append(entry(3)))
                    .isInstanceOf(SinkFullException.class)
                    .hasMessageContaining("seq 3");
            assertThat(spool.dropped()).isEqualTo(1);
            assertThat(seqs(spool.peek(10))).containsExactly(1L, 2L);
        }
    }

    @Test
    void refusesEntriesBeyondItsByteBound() {
        int recordBytes = SpoolFormat.encode(entry(1)).remaining();
        try (Spool spool = Spool.open(directory, new SpoolBound(recordBytes * 2L + 1, 1000))) {
            spool.append(entry(1));
            spool.append(entry(2));

            assertThatThrownBy(() -> spool.append(entry(3))).isInstanceOf(SinkFullException.class);
            assertThat(spool.depth()).isEqualTo(2);
        }
    }

    @Test
    void acknowledgingMakesRoomAgain() {
        try (Spool spool = Spool.open(directory, new SpoolBound(1024 * 1024, 2))) {
            spool.append(entry(1));
            spool.append(entry(2));
            spool.acknowledge(spool.peek(1).getFirst(), 1);

            spool.append(entry(3));

            assertThat(seqs(spool.peek(10))).containsExactly(2L, 3L);
        }
    }

    @Test
    void aCompactionInterruptedBeforeItsSwitchLeavesTheLiveFileInCharge() throws IOException {
        try (Spool spool = Spool.open(directory, ROOMY)) {
            IntStream.rangeClosed(1, 2).forEach(seq -> spool.append(entry(seq)));
        }
        Files.write(directory.resolve("spool-7.log"), new byte[] {1, 2, 3});

        try (Spool reopened = Spool.open(directory, ROOMY)) {
            assertThat(seqs(reopened.peek(10))).containsExactly(1L, 2L);
        }
        assertThat(spoolFiles()).hasSize(1);
    }

    @Test
    void refusesToGuessWhenTheOffsetFileIsDamaged() throws IOException {
        Files.writeString(directory.resolve(Spool.OFFSET_FILE), "3 x");

        assertThatThrownBy(() -> Spool.open(directory, ROOMY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("damaged");
    }

    private List<Path> spoolFiles() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().matches("spool-\\d+\\.log")).toList();
        }
    }

    private static StreamEntry entry(long seq) {
        return new StreamEntry("drift.file_changed", "host-01", seq,
                "{\"path\":\"/etc/hosts\",\"change\":\"modified\",\"seq\":" + seq + "}");
    }

    private static List<Long> seqs(List<SpoolFormat.Read.Record> records) {
        return records.stream().map(r -> r.entry().seq()).toList();
    }
}

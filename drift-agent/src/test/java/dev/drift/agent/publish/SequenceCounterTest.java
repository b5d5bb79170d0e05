package dev.drift.agent.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequenceCounterTest {
    @TempDir
    Path directory;

    @Test
    void startsAtOneAndCountsUp() {
        SequenceCounter counter = SequenceCounter.open(directory);

        assertThat(counter.next()).isEqualTo(1);
        assertThat(counter.next()).isEqualTo(2);
        assertThat(counter.next()).isEqualTo(3);
    }

    @Test
    void aReopenedCounterNeverHandsOutANumberTheOldOneMayHaveUsed() {
        SequenceCounter before = SequenceCounter.open(directory);
        long last = 0;
        for (int i = 0; i < SequenceCounter.BLOCK + 5; i++) {
            last = before.next();
        }

        SequenceCounter after = SequenceCounter.open(directory);

        assertThat(after.next()).isGreaterThan(last);
    }

    @Test
    void reservesTheBlockOnDiskBeforeHandingOutItsFirstNumber() throws IOException {
        SequenceCounter counter = SequenceCounter.open(directory);

        long first = counter.next();

        assertThat(Long.parseLong(Files.readString(directory.resolve(SequenceCounter.FILE))))
                .isEqualTo(first + SequenceCounter.BLOCK);
    }

    @Test
    void refusesToStartOverWhenTheFileIsDamaged() throws IOException {
        Files.writeString(directory.resolve(SequenceCounter.FILE), "12x");

        assertThatThrownBy(() -> SequenceCounter.open(directory))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("damaged");
    }
}

package dev.drift.agent.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequenceCounterTest {
    @TempDir
    Path directory;

    @Test
    void aFreshCounterStartsAtTheTimeInMicrosecondsAndCountsUp() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-06T00:00:00Z"), ZoneOffset.UTC);
        SequenceCounter counter = SequenceCounter.open(directory, clock);

        long first = clock.millis() * 1_000;
        assertThat(counter.next()).isEqualTo(first);
        assertThat(counter.next()).isEqualTo(first + 1);
        assertThat(counter.next()).isEqualTo(first + 2);
    }

    @Test
    void aNodeThatLostItsStateDirectoryStillCountsAboveWhatItHandedOutBefore() throws IOException {
        Clock anHourAgo = Clock.offset(Clock.systemUTC(), java.time.Duration.ofHours(-1));
        SequenceCounter before = SequenceCounter.open(directory, anHourAgo);
        long last = 0;
        for (int i = 0; i < 3 * SequenceCounter.BLOCK; i++) {
            last = before.next();
        }
        Files.delete(directory.resolve(SequenceCounter.FILE));

        assertThat(SequenceCounter.open(directory).next()).isGreaterThan(last);
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

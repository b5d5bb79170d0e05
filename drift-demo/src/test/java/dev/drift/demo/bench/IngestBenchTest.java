package dev.drift.demo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IngestBenchTest {

    @Test
    void aRunWhoseMessagesDidNotAllArriveSaysItsPercentilesAreALowerBound() {
        Percentiles seen = Percentiles.of(new long[] {1_000_000, 2_000_000});

        assertThat(IngestBench.unseenNote(new LatencyRun.Result(5_000, 4_990, 60_000, 60_000, seen, seen, seen, 0))).isEmpty();
        assertThat(IngestBench.unseenNote(new LatencyRun.Result(5_000, 4_990, 60_000, 60_000, seen, seen, seen, 1_234)))
                .isEqualTo("  1,234 not seen within 30 s, not counted: the percentiles are a lower bound");
    }
}

package dev.drift.demo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The rows bench/run-all.sh turns into its table: one tab-separated line each, seven columns. */
class BenchSummaryTest {
    @Test
    void rowIsOneLineOfSevenTabSeparatedColumns() {
        BenchSummary row = new BenchSummary("agent", "resident memory", BenchSummary.number(80.4, "%.0f MB"), "-", "-",
                "< 64 MB", BenchSummary.Met.of(80.4 < 64));

        assertThat(row.line()).isEqualTo("agent\tresident memory\t80 MB\t-\t-\t< 64 MB\t**no**\n");
    }

    @Test
    void numbersUseTheSameSeparatorsEverywhere() {
        assertThat(BenchSummary.number(1414.2, "%,.0f/s")).isEqualTo("1,414/s");
        assertThat(BenchSummary.number(0.5, "%.2f")).isEqualTo("0.50");
        assertThat(BenchSummary.Met.of(true)).isEqualTo(BenchSummary.Met.YES);
    }
}

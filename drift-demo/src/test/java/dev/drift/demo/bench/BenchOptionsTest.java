package dev.drift.demo.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void eachRateWarmsUpForFiveSecondsUnlessTold() {
        BenchOptions defaults = BenchOptions.parse(new String[0]);
        BenchOptions told = BenchOptions.parse(new String[] {"--rates", "500,2000", "--warmup", "0", "--seconds", "20"});

        assertThat(defaults.warmup()).isEqualTo(5);
        assertThat(told.warmup()).isZero();
        assertThat(told.seconds()).isEqualTo(20);
        assertThat(told.rates()).isEqualTo(List.of(500, 2000));
    }

    @Test
    void anOptionWithoutItsValueOrAnUnknownOneIsRefusedWithTheUsage() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--warmup"}))
                .hasMessageContaining("--warmup needs a value");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--warm-up", "3"}))
                .hasMessageContaining("[--warmup S]");
    }

    @Test
    void everyEventDriftsUnlessAMixIsAskedFor() {
        assertThat(BenchOptions.parse(new String[0]).drifting()).isEqualTo(100);
        assertThat(BenchOptions.parse(new String[] {"--drifting", "10"}).drifting()).isEqualTo(10);
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--drifting", "0"}))
                .hasMessageContaining("percentage from 1 to 100");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--drifting", "101"}))
                .hasMessageContaining("percentage from 1 to 100");
    }
}

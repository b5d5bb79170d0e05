package dev.drift.demo.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrendTest {

    @Test
    void slopeOfALineIsItsGradientPerUnitOfWork() {
        List<Trend.Sample> line = List.of(new Trend.Sample(0, 100), new Trend.Sample(100_000, 102),
                new Trend.Sample(200_000, 104), new Trend.Sample(300_000, 106));

        assertThat(Trend.slope(line, 100_000)).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void secondHalfSlopeIgnoresTheWarmUpGrowth() {
        List<Trend.Sample> warmsUpThenFlat = List.of(new Trend.Sample(0, 150), new Trend.Sample(100_000, 200),
                new Trend.Sample(200_000, 230), new Trend.Sample(300_000, 240), new Trend.Sample(400_000, 240),
                new Trend.Sample(500_000, 240), new Trend.Sample(600_000, 240));

        assertThat(Trend.slope(warmsUpThenFlat, 100_000)).isGreaterThan(10);
        assertThat(Trend.secondHalfSlope(warmsUpThenFlat, 100_000)).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void secondHalfSlopeFitsNoisySamplesByLeastSquares() {
        List<Trend.Sample> noisy = List.of(new Trend.Sample(0, 999), new Trend.Sample(500_000, 250),
                new Trend.Sample(600_000, 262), new Trend.Sample(700_000, 258), new Trend.Sample(800_000, 270),
                new Trend.Sample(900_000, 266), new Trend.Sample(1_000_000, 280));

        // Over 500k..1M, in units of 100k events: sxy = 87, sxx = 17.5; the first sample is left out.
        assertThat(Trend.secondHalfSlope(noisy, 100_000)).isCloseTo(4.9714, within(1e-3));
    }

    @Test
    void aSlopeNeedsTwoDistinctPoints() {
        assertThatThrownBy(() -> Trend.slope(List.of(new Trend.Sample(5, 1)), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Trend.slope(List.of(new Trend.Sample(5, 1), new Trend.Sample(5, 2)), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

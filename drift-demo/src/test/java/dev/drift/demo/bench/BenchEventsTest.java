package dev.drift.demo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class BenchEventsTest {

    @Test
    void aMixDriftsTheGivenShareOfEveryHundredConsecutiveEventsSpreadEvenly() {
        for (int percent : new int[] {1, 10, 25, 33, 100}) {
            for (long from : new long[] {0, 37, 1_000_003}) {
                long drifting = LongStream.range(from, from + 100).filter(i -> BenchEvents.drifts(i, percent)).count();
                assertThat(drifting).as("%d %% from %d", percent, from).isEqualTo(percent);
            }
        }
        long longestSteadyRun = 0;
        long run = 0;
        for (long i = 0; i < 1_000; i++) {
            run = BenchEvents.drifts(i, 10) ? 0 : run + 1;
            longestSteadyRun = Math.max(longestSteadyRun, run);
        }
        assertThat(longestSteadyRun).isEqualTo(9);
    }

    @Test
    void theCountOfDriftingEventsIsTheSumOfWhatDriftsSays() {
        for (int percent : new int[] {1, 7, 10, 33, 100}) {
            for (int events : new int[] {0, 1, 99, 101, 15_000, 105_000}) {
                long counted = LongStream.range(0, events).filter(i -> BenchEvents.drifts(i, percent)).count();
                assertThat(BenchEvents.driftingAmong(events, percent)).as("%d %% of %d", percent, events)
                        .isEqualTo(counted);
            }
        }
    }

    @Test
    void steadyEventsReportTheDesiredStateOfTheirOwnCisAndDriftingOnesFlipTheOthers() {
        assertThat(BenchEvents.steadyEvent(1_001, 1_000).get("payload"))
                .isEqualTo("{\"ci_id\":\"bench-steady-1\",\"power_state\":\"on\"}");
        assertThat(BenchEvents.event(1, 1_000).get("payload"))
                .isEqualTo("{\"ci_id\":\"bench-1\",\"power_state\":\"off\"}");
        assertThat(BenchEvents.event(1_001, 1_000).get("payload"))
                .isEqualTo("{\"ci_id\":\"bench-1\",\"power_state\":\"on\"}");
    }
}

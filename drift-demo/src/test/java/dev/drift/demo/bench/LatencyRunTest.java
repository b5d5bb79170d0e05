package dev.drift.demo.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LatencyRunTest {
    private static final long MS = 1_000_000;

    @Test
    void anEventSentLateIsTimedFromWhenItWasDueNotFromItsLateXadd() {
        Map<String, LatencyRun.Send> sends = new LinkedHashMap<>();
        sends.put("1-0", new LatencyRun.Send(0, 0));
        sends.put("2-0", new LatencyRun.Send(10 * MS, 25 * MS));
        Map<String, Long> seen = Map.of("1-0", 3 * MS, "2-0", 30 * MS);

        LatencyRun.Result r = LatencyRun.result(2_000, 1_990.0, 2, 2, sends, seen);

        assertThat(r.latency().count()).isEqualTo(2);
        assertThat(r.latency().p50()).isEqualTo(3.0);
        assertThat(r.latency().max()).isEqualTo(20.0);
        assertThat(r.sendLag().max()).isEqualTo(15.0);
        assertThat(r.fromXadd().max()).isEqualTo(5.0);
        assertThat(r.unseen()).isZero();
    }

    @Test
    void eventsWhoseMessageNeverCameAreCountedAsUnseenAndLeftOutOfThePercentiles() {
        Map<String, LatencyRun.Send> sends = new LinkedHashMap<>();
        sends.put("1-0", new LatencyRun.Send(0, MS));
        sends.put("2-0", new LatencyRun.Send(MS, MS));

        LatencyRun.Result r = LatencyRun.result(500, 500.0, 2, 2, sends, Map.of("2-0", 9 * MS));

        assertThat(r.latency().count()).isEqualTo(1);
        assertThat(r.latency().max()).isEqualTo(8.0);
        assertThat(r.sendLag().max()).isEqualTo(0.0);
        assertThat(r.unseen()).isEqualTo(1);
    }

    @Test
    void anXaddCannotBeMadeBeforeItWasDue() {
        assertThatThrownBy(() -> new LatencyRun.Send(5 * MS, 4 * MS)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theGeneratorSendsEveryEventWithoutWaitingForRedisToReplyToTheOneBefore() {
        List<CompletableFuture<String>> unanswered = new ArrayList<>();
        Map<String, LatencyRun.Send> sends = new ConcurrentHashMap<>();
        LatencyRun.Schedule schedule = new LatencyRun.Schedule(200, 100, 50_000, 10, 0, 10);

        List<CompletableFuture<String>> replies = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> LatencyRun.offer(schedule, event -> {
                    CompletableFuture<String> reply = new CompletableFuture<>();
                    unanswered.add(reply);
                    return reply;
                }, sends));

        assertThat(unanswered).hasSize(200);
        assertThat(sends).isEmpty();
        for (int i = 0; i < unanswered.size(); i++) {
            unanswered.get(i).complete((i + 1) + "-0");
        }
        Set<String> measured = IntStream.range(100, 200).filter(i -> BenchEvents.drifts(i, 10))
                .mapToObj(i -> (i + 1) + "-0").collect(Collectors.toSet());
        assertThat(measured).hasSize(10);
        assertThat(sends.keySet()).isEqualTo(measured);
        assertThat(replies).allMatch(CompletableFuture::isDone);
    }
}

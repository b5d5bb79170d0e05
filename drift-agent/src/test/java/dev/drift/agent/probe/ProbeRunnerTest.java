package dev.drift.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drift.agent.event.EventSink;
import dev.drift.agent.event.OutboundEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ProbeRunnerTest {
    private static final ProbeInfo INFO = new ProbeInfo("high", "RB-1", List.of("HIPAA 164.312(b)"));
    private static final Instant NOW = Instant.parse("2026-12-05T06:00:00Z");

    /** A probe made of a lambda. */
    private record Fake(String name, List<String> measurementNames, Step step) implements Probe {
        interface Step {
            ProbeResult run() throws Exception;
        }

        @Override
        public ProbeInfo info() {
            return INFO;
        }

        @Override
        public ProbeResult run() throws Exception {
            return step.run();
        }
    }

    private static final class RecordingSink implements EventSink {
        final List<OutboundEvent> events = new ArrayList<>();

        @Override
        public void publish(OutboundEvent event) {
            events.add(event);
        }

        @Override
        public long pending() {
            return 0;
        }

        @Override
        public void close() {
        }
    }

    private static ProbeRunner runner(List<Probe> probes) {
        return new ProbeRunner(probes, Duration.ofMillis(300), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aProbeThatOverrunsOrThrowsIsAnErrorAndTheOthersStillReport() {
        CountDownLatch never = new CountDownLatch(1);
        List<Probe> probes = List.of(
                new Fake("hangs", List.of("age_hours"), () -> {
                    never.await();
                    return ProbeResult.ok("hangs", "never", Map.of());
                }),
                new Fake("throws", List.of("days_left"), () -> {
                    throw new ProbeFailure("cannot read /etc/ssl/x.pem");
                }),
                new Fake("fine", List.of("state"), () -> ProbeResult.ok("fine", "active", Map.of("state", "active"))));

        List<ProbeResult> results = runner(probes).runAll();

        assertThat(results).extracting(ProbeResult::status)
                .containsExactly(ProbeResult.Status.ERROR, ProbeResult.Status.ERROR, ProbeResult.Status.OK);
        assertThat(results.get(0).details()).contains("did not finish within");
        assertThat(results.get(0).measurements()).containsEntry("age_hours", null);
        assertThat(results.get(1).details()).isEqualTo("cannot read /etc/ssl/x.pem");
        assertThat(results.get(1).measurements()).containsEntry("days_left", null);
    }

    @Test
    void probesRunInParallel() {
        CountDownLatch both = new CountDownLatch(2);
        Fake.Step meetTheOther = () -> {
            both.countDown();
            both.await();
            return ProbeResult.ok("x", "met", Map.of());
        };
        List<ProbeResult> results = runner(List.of(new Fake("a", List.of(), meetTheOther),
                new Fake("b", List.of(), meetTheOther))).runAll();

        assertThat(results).extracting(ProbeResult::status).containsOnly(ProbeResult.Status.OK);
    }

    @Test
    void eachResultIsPublishedOnComplianceCheckResultWithItsControls() {
        RecordingSink sink = new RecordingSink();
        Probe backup = new Fake("backup", List.of("age_hours"),
                () -> ProbeResult.drift("backup", "newest file is 40.0 h old", Map.of("age_hours", 40.0)));

        runner(List.of(backup)).runAndPublish(sink, "web-01");

        assertThat(sink.events).hasSize(1);
        OutboundEvent event = sink.events.getFirst();
        assertThat(event.stream()).isEqualTo("compliance.check_result");
        assertThat(event.ciId()).isEqualTo("web-01");
        ObjectNode p = event.payload();
        assertThat(p.path("check").asText()).isEqualTo("backup");
        assertThat(p.path("status").asText()).isEqualTo("drift");
        assertThat(p.path("severity").asText()).isEqualTo("high");
        assertThat(p.path("runbook").asText()).isEqualTo("RB-1");
        assertThat(p.path("controls").get(0).asText()).isEqualTo("HIPAA 164.312(b)");
        assertThat(p.path("measurements").path("age_hours").asDouble()).isEqualTo(40.0);
        assertThat(p.path("observed_at").asText()).isEqualTo("2026-12-05T06:00:00Z");
    }

    @Test
    void anErrorIsPublishedWithNullMeasurementsNeverAsAPass() {
        RecordingSink sink = new RecordingSink();
        Probe broken = new Fake("tls:443", List.of("days_left"), () -> {
            throw new IllegalStateException("boom");
        });

        runner(List.of(broken)).runAndPublish(sink, "web-01");

        ObjectNode p = sink.events.getFirst().payload();
        assertThat(p.path("status").asText()).isEqualTo("error");
        assertThat(p.path("measurements").has("days_left")).isTrue();
        assertThat(p.path("measurements").path("days_left").isNull()).isTrue();
    }
}

package dev.drift.agent.probe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drift.agent.event.EventSink;
import dev.drift.agent.event.OutboundEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs every probe in parallel, each bounded by the timeout, and publishes one
 * {@code compliance.check_result} per probe. A probe that throws or overruns gives an error result
 * (its measurements null), never a pass, and never stops the others. Thread-safe; one round at a time.
 */
public final class ProbeRunner {
    static final String STREAM = "compliance.check_result";
    private static final Logger LOG = Logger.getLogger(ProbeRunner.class.getName());

    private final List<Probe> probes;
    private final Duration timeout;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public ProbeRunner(List<Probe> probes, Duration timeout, Clock clock) {
        this.probes = List.copyOf(probes);
        this.timeout = timeout;
        this.clock = clock;
    }

    /** Runs every probe once and returns the results in probe order. */
    public synchronized List<ProbeResult> runAll() {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ProbeResult>> running = new ArrayList<>();
            probes.forEach(p -> running.add(pool.submit(() -> timed(p))));
            List<ProbeResult> results = new ArrayList<>();
            for (int i = 0; i < probes.size(); i++) {
                results.add(await(probes.get(i), running.get(i)));
            }
            return results;
        }
    }

    /** Runs every probe once and publishes each result for {@code ciId}. */
    public synchronized List<ProbeResult> runAndPublish(EventSink sink, String ciId) {
        Instant at = clock.instant();
        List<ProbeResult> results = runAll();
        for (int i = 0; i < results.size(); i++) {
            sink.publish(new OutboundEvent(STREAM, ciId, payload(ciId, probes.get(i).info(), results.get(i), at)));
        }
        return results;
    }

    private ProbeResult timed(Probe probe) throws Exception {
        long start = System.nanoTime();
        ProbeResult result = probe.run();
        return result.took(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    private ProbeResult await(Probe probe, Future<ProbeResult> future) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return failed(probe, "did not finish within " + timeout, timeout.toMillis());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return failed(probe, cause.getMessage() == null ? cause.toString() : cause.getMessage(), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(probe, "interrupted", 0);
        }
    }

    private static ProbeResult failed(Probe probe, String why, long millis) {
        LOG.log(Level.WARNING, "probe {0} could not run: {1}", new Object[] {probe.name(), why});
        return ProbeResult.error(probe.name(), why, probe.measurementNames()).took(millis);
    }

    ObjectNode payload(String ciId, ProbeInfo info, ProbeResult result, Instant at) {
        ObjectNode payload = json.createObjectNode()
                .put("ci_id", ciId)
                .put("check", result.check())
                .put("status", result.status().wire())
                .put("severity", info.severity())
                .put("details", result.details());
        ObjectNode measurements = payload.putObject("measurements");
        for (Map.Entry<String, Object> m : result.measurements().entrySet()) {
            measurements.set(m.getKey(), json.valueToTree(m.getValue()));
        }
        payload.put("runbook", info.runbook());
        ArrayNode controls = payload.putArray("controls");
        info.controls().forEach(controls::add);
        return payload.put("duration_ms", result.durationMs()).put("observed_at", at.toString());
    }
}

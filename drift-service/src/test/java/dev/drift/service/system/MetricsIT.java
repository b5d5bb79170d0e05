package dev.drift.service.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.drift.service.model.CiKey;
import dev.drift.service.reconcile.Reconciler;
import dev.drift.service.support.ServiceIT;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * {@code GET /prometheus} after real traffic: one valid event, one malformed (dead-lettered), one
 * that opens a drift; and the CI in the log context of a reconcile.
 */
@MicronautTest(transactional = false)
class MetricsIT extends ServiceIT {
    private static final String POWER = "vm.power_changed";
    private static final List<String> STREAMS = List.of("drift.file_changed", POWER, "network.changed",
            "ansible.facts_collected", "compliance.check_result", "agent.heartbeat");

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    Reconciler reconciler;

    @Override
    protected Map<String, String> overrides() {
        return Map.of("drift.metrics.refresh-interval", "200ms", "endpoints.prometheus.sensitive", "false");
    }

    @BeforeAll
    void driveEvents() {
        desired.poweredOnVm("vm-compliant").poweredOnVm("vm-drifted");
        streams.add(POWER, "{\"ci_id\":\"vm-compliant\",\"power_state\":\"on\"}");
        streams.add(POWER, Map.of("payload", "{not json", "ci_id", "vm-bad"));
        streams.add(POWER, "{\"ci_id\":\"vm-drifted\",\"power_state\":\"off\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> !streams.entriesFor("drift.detected", "vm-drifted").isEmpty()
                && streams.all("drift.dlq").size() == 1);
    }

    @Test
    void prometheusShowsConsumedEventsDeadLettersOpenDriftAndReconciles() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            PrometheusText metrics = scrape();
            assertThat(metrics.value("drift_events_consumed_total", "stream", POWER, "outcome", "applied"))
                    .isEqualTo(2.0);
            assertThat(metrics.value("drift_events_consumed_total", "stream", POWER, "outcome", "dead_lettered"))
                    .isEqualTo(1.0);
            assertThat(metrics.value("drift_dead_lettered_total", "stream", POWER, "reason", "undecodable"))
                    .isEqualTo(1.0);
            assertThat(metrics.value("drift_open_drifts", "category", "state", "severity", "high")).isEqualTo(1.0);
            assertThat(metrics.value("drift_open_drifts", "category", "security", "severity", "high")).isZero();
            assertThat(metrics.value("drift_reconcile_duration_seconds_count")).isPositive();
            assertThat(metrics.value("drift_cis_reconciled_total")).isGreaterThanOrEqualTo(2.0);
            for (String stream : STREAMS) {
                assertThat(metrics.value("drift_consumer_pending", "stream", stream)).as(stream).isZero();
                assertThat(metrics.value("drift_consumer_lag", "stream", stream)).as(stream).isZero();
            }
        });
    }

    @Test
    void reconcileLogsCarryTheCi() {
        Logger logger = (Logger) LoggerFactory.getLogger(Reconciler.class);
        Level level = logger.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>() {
            @Override
            protected void append(ILoggingEvent event) {
                event.prepareForDeferredProcessing();
                super.append(event);
            }
        };
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.DEBUG);
        try {
            reconciler.reconcile(List.of(CiKey.of("vm-drifted")));
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(level);
        }

        assertThat(appender.list).filteredOn(e -> e.getFormattedMessage().startsWith("reconciled:"))
                .extracting(e -> e.getMDCPropertyMap().get(LogContext.CI)).contains("vm-drifted");
        assertThat(MDC.get(LogContext.CI)).isNull();
    }

    private PrometheusText scrape() {
        return new PrometheusText(http.toBlocking().retrieve(HttpRequest.GET("/prometheus"), String.class));
    }
}

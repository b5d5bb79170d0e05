package dev.drift.service.system;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes every {@link RefreshedGauges} every {@code drift.metrics.refresh-interval}, from server
 * start on. One failing source neither stops the others nor the schedule.
 */
@Singleton
final class GaugeRefresher implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(GaugeRefresher.class);

    private final List<RefreshedGauges> sources;
    private final MetricsProperties properties;
    private final TaskScheduler scheduler;
    private ScheduledFuture<?> schedule;

    GaugeRefresher(List<RefreshedGauges> sources, MetricsProperties properties,
                   @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        this.sources = sources;
        this.properties = properties;
        this.scheduler = scheduler;
    }

    @Override
    public synchronized void onApplicationEvent(ServerStartupEvent event) {
        if (schedule == null) {
            schedule = scheduler.scheduleWithFixedDelay(properties.refreshInterval(), properties.refreshInterval(),
                    this::refreshAll);
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    void refreshAll() {
        for (RefreshedGauges source : sources) {
            try {
                source.refresh();
            } catch (RuntimeException e) {
                // Thrown out of the task, it would cancel the schedule.
                LOG.warn("could not refresh {} gauges: {}", source.getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}

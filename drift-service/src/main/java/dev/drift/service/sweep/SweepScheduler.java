package dev.drift.service.sweep;

import dev.drift.service.report.ReconcileJobs;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.util.StringUtils;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the scheduled full sweep. Every {@code drift.sweep.tick} each instance asks whether a slot
 * of the {@link SweepSchedule} is due; the due slot is the latest at or before now, provided it
 * comes after the schedule's {@link ScheduleOrigin} and no run of it has finished. Slots missed while
 * every instance was down are thus never made up one by one: only the latest runs, once, late.
 *
 * <p>Whichever instance gets there first runs the slot ({@link ReconcileJobs#startScheduled}): the
 * sweep lock lets one sweep run at a time, the slot's job row lets each slot run once. While another
 * sweep runs the slot waits for a later tick; a slot whose run was interrupted runs again.
 */
@Singleton
@Requires(property = SweepProperties.PREFIX + ".enabled", notEquals = StringUtils.FALSE)
final class SweepScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(SweepScheduler.class);

    private final SweepSchedule schedule;
    private final ScheduleOrigin origin;
    private final ReconcileJobs jobs;
    private final Clock clock;

    SweepScheduler(SweepProperties properties, ScheduleOrigin origin, ReconcileJobs jobs, Clock clock) {
        this.schedule = properties.schedule();
        this.origin = origin;
        this.jobs = jobs;
        this.clock = clock;
        LOG.info("scheduled sweeps: {}, next at {}", schedule, schedule.nextAfter(clock.instant()));
    }

    /** Starts the due slot's sweep, if a slot is due and no sweep runs. */
    @Scheduled(fixedDelay = "${drift.sweep.tick:30s}")
    void tick() {
        try {
            due().map(jobs::startScheduled).ifPresent(SweepScheduler::log);
        } catch (RuntimeException e) {
            LOG.warn("could not check for a scheduled sweep: {}", e.getMessage());
        }
    }

    private Optional<Instant> due() {
        Instant now = clock.instant();
        Instant slot = schedule.latestAtOrBefore(now);
        if (!slot.isAfter(origin.since(now)) || jobs.slotFinished(slot)) {
            return Optional.empty();
        }
        return Optional.of(slot);
    }

    private static void log(ReconcileJobs.Start start) {
        switch (start) {
            case ReconcileJobs.Start.Started s -> LOG.info("scheduled sweep for {} started as reconcile job {}",
                    s.job().scheduledFor(), s.job().jobId());
            case ReconcileJobs.Start.AlreadyRunning r -> LOG.debug("scheduled sweep waits for reconcile job {}",
                    r.jobId().map(Object::toString).orElse("(starting)"));
            case ReconcileJobs.Start.SlotTaken t -> LOG.debug("scheduled sweep for {} ran already", t.slot());
        }
    }
}

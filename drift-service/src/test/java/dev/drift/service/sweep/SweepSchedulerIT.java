package dev.drift.service.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.drift.service.desired.DesiredLookup;
import dev.drift.service.model.CiKey;
import dev.drift.service.reconcile.SweepStep;
import dev.drift.service.report.ReconcileJob;
import dev.drift.service.report.ReconcileJobs;
import dev.drift.service.support.ServiceIT;
import dev.drift.service.system.Database;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The scheduled sweep on real PostgreSQL, with a clock the test sets and ticks the test drives: a
 * slot runs when the clock reaches it and once, one sweep runs at a time whoever starts it, and a
 * sweep left running by a dead instance is marked interrupted and its slot runs again.
 */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SweepSchedulerIT extends ServiceIT {
    /** Before the day's slot (06:00 in Berlin, 05:00 UTC in winter): the installation starts here. */
    private static final Instant FIRST_START = Instant.parse("2026-02-02T12:00:00Z");
    private static final int LOCK_SPACE = 0x64726674;

    @Inject
    SweepScheduler scheduler;

    @Inject
    SweepProperties properties;

    @Inject
    ReconcileJobs jobs;

    @Inject
    ScheduleOrigin origin;

    @Inject
    SettableClock clock;

    @Inject
    GatedStep gate;

    @Inject
    Database database;

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    protected Map<String, String> overrides() {
        // A tick of an hour: the scheduler's own first tick comes at start, every other from the test.
        return Map.of("spec.name", "SweepSchedulerIT", "drift.sweep.enabled", "true",
                "drift.sweep.cron", "0 0 6 * * *", "drift.sweep.zone", "Europe/Berlin", "drift.sweep.tick", "1h");
    }

    @BeforeAll
    void someCisToSweep() {
        desired.poweredOnVm("sched-vm-1").poweredOnVm("sched-vm-2");
    }

    @AfterEach
    void openTheGate() {
        gate.open();
    }

    @Test
    @Order(1)
    void aNewInstallationWaitsForItsFirstSlot() {
        scheduler.tick();

        assertThat(origin.since(clock.instant())).isEqualTo(FIRST_START);
        assertThat(scheduledJobs()).isEmpty();
    }

    @Test
    @Order(2)
    void theSlotRunsWhenTheClockReachesItAndNotBefore() {
        Instant slot = nextSlot();
        assertThat(slot).isEqualTo(Instant.parse("2026-02-03T05:00:00Z"));

        clock.set(slot.minusSeconds(1));
        scheduler.tick();
        assertThat(scheduledJobs()).isEmpty();

        clock.set(slot.plusSeconds(20));
        scheduler.tick();
        ReconcileJob job = awaitFinished(onlyJobFor(slot));
        assertThat(job.kind()).isEqualTo("scheduled");
        assertThat(job.scheduledFor()).isEqualTo(slot);
        assertThat(job.status()).isEqualTo("succeeded");
        assertThat(job.startedAt()).isEqualTo(slot.plusSeconds(20));
        assertThat(job.cisDone()).isEqualTo(2);
    }

    @Test
    @Order(3)
    void twoInstancesTickingForTheSameSlotRunItOnce() {
        SweepScheduler otherInstance = new SweepScheduler(properties, new ScheduleOrigin(database), jobs, clock);
        Instant slot = nextSlot();
        clock.set(slot);

        CompletableFuture.allOf(CompletableFuture.runAsync(scheduler::tick),
                CompletableFuture.runAsync(otherInstance::tick)).join();
        awaitFinished(onlyJobFor(slot));
        scheduler.tick();
        otherInstance.tick();

        assertThat(jobsFor(slot)).hasSize(1);
        assertThat(jobs.startScheduled(slot)).isEqualTo(new ReconcileJobs.Start.SlotTaken(slot));
        assertThat(jobsFor(slot)).hasSize(1);
    }

    @Test
    @Order(4)
    void whileOneSweepRunsNoOtherStartsOnDemandOrScheduled() throws InterruptedException {
        gate.close();
        UUID onDemand = startOnDemand();
        assertThat(gate.awaitEntered()).isTrue();

        HttpClientResponseException refused = postReconcile();
        assertThat(refused.code()).isEqualTo(409);
        assertThat(refused.getResponse().getBody(String.class).orElseThrow()).contains(onDemand.toString());
        Instant slot = nextSlot();
        clock.set(slot);
        scheduler.tick();
        assertThat(jobsFor(slot)).isEmpty();

        gate.open();
        assertThat(awaitFinished(onDemand).status()).isEqualTo("succeeded");
        scheduler.tick();
        assertThat(awaitFinished(onlyJobFor(slot)).status()).isEqualTo("succeeded");
    }

    @Test
    @Order(5)
    void aSweepOfAnotherInstanceHoldsTheLockForAllInstances() throws SQLException {
        UUID elsewhere = UUID.randomUUID();
        Instant slot = nextSlot();
        try (Connection otherInstance = connect()) {
            assertThat(advisoryLock(otherInstance)).isTrue();
            insertRunning(elsewhere, null, clock.instant().minusSeconds(60), "other-host-1");

            HttpClientResponseException refused = postReconcile();
            assertThat(refused.code()).isEqualTo(409);
            assertThat(refused.getResponse().getBody(String.class).orElseThrow()).contains(elsewhere.toString());
            clock.set(slot);
            scheduler.tick();
            assertThat(jobsFor(slot)).isEmpty();
        }
        // The other instance is gone with its session (PostgreSQL ends it a moment after the
        // connection closes): its job is interrupted and the slot runs at a following tick.
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            scheduler.tick();
            return !jobsFor(slot).isEmpty();
        });

        assertThat(jobs.find(elsewhere).orElseThrow().status()).isEqualTo("interrupted");
        assertThat(awaitFinished(onlyJobFor(slot)).status()).isEqualTo("succeeded");
    }

    @Test
    @Order(6)
    void aSlotLeftRunningByADeadInstanceIsInterruptedAndRunsAgain() {
        Instant slot = nextSlot();
        UUID dead = UUID.randomUUID();
        insertRunning(dead, slot, slot, "dead-host-1");
        clock.set(slot.plusSeconds(5));

        scheduler.tick();

        List<ReconcileJob> runs = jobsFor(slot);
        assertThat(runs).hasSize(2);
        ReconcileJob interrupted = jobs.find(dead).orElseThrow();
        assertThat(interrupted.status()).isEqualTo("interrupted");
        assertThat(interrupted.finishedAt()).isEqualTo(slot.plusSeconds(5));
        assertThat(interrupted.error()).contains("dead-host-1");
        ReconcileJob rerun = runs.stream().filter(j -> !j.jobId().equals(dead)).findFirst().orElseThrow();
        assertThat(awaitFinished(rerun.jobId()).status()).isEqualTo("succeeded");
        Map<String, Object> shown = getJob(dead);
        assertThat(shown).containsEntry("status", "interrupted").containsEntry("kind", "scheduled")
                .containsEntry("scheduled_for", slot.toString());
    }

    @Test
    @Order(7)
    void ofSlotsMissedWhileEveryInstanceWasDownOnlyTheLatestRuns() {
        Instant missed = nextSlot();
        Instant latest = missed.plus(Duration.ofDays(3));
        clock.set(latest.plus(Duration.ofHours(2)));

        scheduler.tick();
        awaitFinished(onlyJobFor(latest));
        scheduler.tick();

        assertThat(scheduledJobs()).filteredOn(j -> !j.scheduledFor().isBefore(missed))
                .extracting(ReconcileJob::scheduledFor).containsExactly(latest);
    }

    private Instant nextSlot() {
        return properties.schedule().nextAfter(clock.instant());
    }

    private UUID onlyJobFor(Instant slot) {
        List<ReconcileJob> runs = jobsFor(slot);
        assertThat(runs).as("jobs for %s", slot).hasSize(1);
        return runs.getFirst().jobId();
    }

    private ReconcileJob awaitFinished(UUID id) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !"running".equals(jobs.find(id).orElseThrow().status()));
        return jobs.find(id).orElseThrow();
    }

    private List<ReconcileJob> jobsFor(Instant slot) {
        return scheduledJobs().stream().filter(j -> slot.equals(j.scheduledFor())).toList();
    }

    private List<ReconcileJob> scheduledJobs() {
        List<UUID> ids = database.read(c -> {
            List<UUID> found = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "select id from reconcile_job where kind = 'scheduled' order by scheduled_for, started_at");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getObject(1, UUID.class));
                }
            }
            return found;
        });
        return ids.stream().map(id -> jobs.find(id).orElseThrow()).toList();
    }

    /** A job as another instance records it; with a slot a scheduled one, else on demand. */
    private void insertRunning(UUID id, Instant slot, Instant startedAt, String instance) {
        database.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into reconcile_job (id, status, kind, scheduled_for, instance, started_at)
                    values (?, 'running', ?, ?, ?, ?)""")) {
                ps.setObject(1, id);
                ps.setString(2, slot == null ? "on_demand" : "scheduled");
                ps.setObject(3, slot == null ? null : OffsetDateTime.ofInstant(slot, ZoneOffset.UTC),
                        Types.TIMESTAMP_WITH_TIMEZONE);
                ps.setString(4, instance);
                ps.setObject(5, OffsetDateTime.ofInstant(startedAt, ZoneOffset.UTC));
                return ps.executeUpdate();
            }
        });
    }

    private UUID startOnDemand() {
        String body = http.toBlocking().retrieve(HttpRequest.POST("/drift/reconcile", ""));
        return UUID.fromString(body.replaceAll(".*\"job_id\"\\s*:\\s*\"([^\"]+)\".*", "$1"));
    }

    private HttpClientResponseException postReconcile() {
        try {
            http.toBlocking().exchange(HttpRequest.POST("/drift/reconcile", ""), String.class);
        } catch (HttpClientResponseException e) {
            return e;
        }
        throw new AssertionError("POST /drift/reconcile was accepted while a sweep held the lock");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> getJob(UUID id) {
        return http.toBlocking().retrieve(HttpRequest.GET("/drift/reconcile/" + id), Map.class);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(property("datasources.default.url"),
                property("datasources.default.username"), property("datasources.default.password"));
    }

    private static boolean advisoryLock(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select pg_try_advisory_lock(?, 1)")) {
            ps.setInt(1, LOCK_SPACE);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** The clock of this test's service: it stands still where the test sets it. */
    @Singleton
    @Replaces(Clock.class)
    @Requires(property = "spec.name", value = "SweepSchedulerIT")
    static final class SettableClock extends Clock {
        private volatile Instant now = FIRST_START;

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(now, zone);
        }
    }

    /** A sweep step that, while closed, holds every sweep mid-run. */
    @Singleton
    @Requires(property = "spec.name", value = "SweepSchedulerIT")
    static final class GatedStep implements SweepStep {
        private volatile CountDownLatch gate = new CountDownLatch(0);
        private volatile CountDownLatch entered = new CountDownLatch(1);

        void close() {
            entered = new CountDownLatch(1);
            gate = new CountDownLatch(1);
        }

        void open() {
            gate.countDown();
        }

        boolean awaitEntered() throws InterruptedException {
            return entered.await(30, TimeUnit.SECONDS);
        }

        @Override
        public int run(Connection connection, Map<CiKey, DesiredLookup> lookups, Optional<UUID> jobId) {
            entered.countDown();
            try {
                if (!gate.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never opened the gate");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return 0;
        }
    }
}

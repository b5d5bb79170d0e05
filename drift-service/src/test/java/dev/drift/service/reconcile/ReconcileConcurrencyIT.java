package dev.drift.service.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.drift.service.actual.ActualStateRepository;
import dev.drift.service.model.CiKey;
import dev.drift.service.model.FieldObservation;
import dev.drift.service.model.FieldPath;
import dev.drift.service.model.FieldValue;
import dev.drift.service.model.StreamEvent;
import dev.drift.service.support.ServiceIT;
import dev.drift.service.system.Database;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Reconciling one CI from many threads at once yields the same ledger as reconciling it once. */
@MicronautTest(transactional = false)
class ReconcileConcurrencyIT extends ServiceIT {
    private static final int THREADS = 8;


    @Inject
    Reconciler reconciler;

    @Inject
    Database database;

    @Inject
    ActualStateRepository actualState;




    @Test
    void concurrentReconcilesOfOneCiOpenOneDriftAndAnnounceItOnce() {
        desired.poweredOnVm("vm-race");
        StreamEvent off = new StreamEvent(CiKey.of("vm-race"), "vm.power_changed", Instant.now(),
                List.of(FieldObservation.value(FieldPath.of("power_state"), FieldValue.text("off"))), List.of());
        database.write(c -> {
            actualState.record(c, List.of(new ActualStateRepository.SourcedEvent(off, "vm.power_changed/1-0")));
            return null;
        });

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<CompletableFuture<Void>> runs = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            runs.add(CompletableFuture.runAsync(() -> {
                awaitBarrier(start);
                reconciler.reconcile(List.of(CiKey.of("vm-race")));
            }, pool));
        }
        CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).join();
        pool.shutdown();

        assertThat(count("select count(*) from reconcile_deferral")).as("no reconcile failed on a conflict").isZero();
        assertThat(count("select count(*) from drift_event where ci_id = 'vm-race' and status = 'open'")).isEqualTo(1);
        assertThat(count("select occurrence_count from drift_event where ci_id = 'vm-race'")).isEqualTo(1);
        assertThat(count("select count(*) from drift_history h join drift_event e on e.id = h.drift_id "
                + "where e.ci_id = 'vm-race'")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> count("select count(*) from outbox where published_at is null") == 0);
        assertThat(streams.entriesFor("drift.detected", "vm-race")).hasSize(1);
    }

    @Test
    void historyIsAppendOnly() {
        desired.poweredOnVm("vm-audit");
        streams.add("vm.power_changed", "{\"ci_id\":\"vm-audit\",\"power_state\":\"off\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> count(
                "select count(*) from drift_history h join drift_event e on e.id = h.drift_id where e.ci_id = 'vm-audit'") == 1);

        assertThatThrownBy(() -> database.write(c -> c.createStatement().executeUpdate(
                "update drift_history set actor = 'mallory'"))).hasMessageContaining("append-only");
        assertThatThrownBy(() -> database.write(c -> c.createStatement().executeUpdate(
                "delete from drift_history"))).hasMessageContaining("append-only");
    }

    private static void awaitBarrier(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (InterruptedException | BrokenBarrierException e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql) {
        return database.read(c -> {
            try (var rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}

package dev.drift.service.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drift.service.model.CiKey;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkQueueTest {
    private static final CiKey A = CiKey.of("a");
    private static final CiKey B = CiKey.of("b");
    private final WorkQueue queue = new WorkQueue();

    @Test
    void queuesACiOnceHoweverOftenItIsAdded() throws InterruptedException {
        queue.addAll(List.of(A, B, A, A));

        assertThat(queue.take(10, Duration.ZERO)).containsExactly(A, B);
        assertThat(queue.take(10, Duration.ZERO)).isEmpty();
    }

    @Test
    void neverHandsACiBeingProcessedToASecondWorker() throws InterruptedException {
        queue.addAll(List.of(A));
        List<CiKey> first = queue.take(10, Duration.ZERO);

        queue.addAll(List.of(A));

        assertThat(queue.take(10, Duration.ZERO)).as("while A is processed").isEmpty();
        queue.done(first);
        assertThat(queue.take(10, Duration.ZERO)).as("after A is done").containsExactly(A);
    }

    @Test
    void takesAtMostTheBatchSize() throws InterruptedException {
        queue.addAll(List.of(A, B));

        assertThat(queue.take(1, Duration.ZERO)).containsExactly(A);
        assertThat(queue.size()).isEqualTo(1);
    }
}

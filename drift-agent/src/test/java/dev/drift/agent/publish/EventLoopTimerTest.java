package dev.drift.agent.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.DefaultEventLoop;
import io.netty.util.Timeout;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventLoopTimerTest {
    private final DefaultEventLoop loop = new DefaultEventLoop(Thread.ofPlatform().name("test-loop").factory());
    private final EventLoopTimer timer = new EventLoopTimer(loop);

    @AfterEach
    void stopLoop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void runsTheTaskOnTheLoopOnceItIsDueAndMarksItExpired() throws Exception {
        CompletableFuture<String> ranOn = new CompletableFuture<>();
        long start = System.nanoTime();

        Timeout timeout = timer.newTimeout(t -> ranOn.complete(Thread.currentThread().getName()), 100,
                TimeUnit.MILLISECONDS);

        assertThat(ranOn.get(5, TimeUnit.SECONDS)).isEqualTo("test-loop");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(timeout.isExpired()).isTrue();
        assertThat(timeout.isCancelled()).isFalse();
        assertThat(timeout.timer()).isSameAs(timer);
    }

    @Test
    void aCancelledTimeoutNeverRuns() {
        AtomicInteger runs = new AtomicInteger();
        Timeout cancelled = timer.newTimeout(t -> runs.incrementAndGet(), 50, TimeUnit.MILLISECONDS);
        CompletableFuture<Void> later = new CompletableFuture<>();
        timer.newTimeout(t -> later.complete(null), 300, TimeUnit.MILLISECONDS);

        assertThat(cancelled.cancel()).isTrue();

        await().atMost(Duration.ofSeconds(5)).until(later::isDone);
        assertThat(runs).hasValue(0);
        assertThat(cancelled.isCancelled()).isTrue();
        assertThat(cancelled.isExpired()).isFalse();
    }
}

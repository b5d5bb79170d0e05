package dev.drift.agent.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CoalescerTest {
    private static final Path HOSTS = Path.of("/etc/hosts");
    private static final Path SUDOERS = Path.of("/etc/sudoers");
    private final Coalescer coalescer = new Coalescer(10, 100);

    @Test
    void aPathIsDueOnceQuietForTheQuietTime() {
        coalescer.touch(HOSTS, 0);
        coalescer.touch(HOSTS, 5);

        assertThat(coalescer.takeDue(14)).isEmpty();
        assertThat(coalescer.nanosUntilDue(14)).hasValue(1);
        assertThat(coalescer.takeDue(15)).containsExactly(HOSTS);
        assertThat(coalescer.nanosUntilDue(15)).isEmpty();
    }

    @Test
    void aPathWrittenWithoutPauseIsDueAfterTheLongestDelay() {
        for (long t = 0; t < 100; t += 5) {
            coalescer.touch(HOSTS, t);
            assertThat(coalescer.takeDue(t)).isEmpty();
        }
        assertThat(coalescer.takeDue(100)).containsExactly(HOSTS);
    }

    @Test
    void duePathsComeInTheOrderTheyWereFirstTouched() {
        coalescer.touch(SUDOERS, 0);
        coalescer.touch(HOSTS, 1);
        coalescer.touch(SUDOERS, 2);

        assertThat(coalescer.takeDue(50)).containsExactly(SUDOERS, HOSTS);
    }

    @Test
    void aPendingDirectoryWaitsUntilItsTreeIsQuiet() {
        coalescer.touch(Path.of("/etc"), 0);
        coalescer.touch(HOSTS, 8);

        assertThat(coalescer.takeDue(10)).isEmpty();
        assertThat(coalescer.takeDue(18)).containsExactly(Path.of("/etc"), HOSTS);
    }

    @Test
    void takeAllEmptiesItAtShutdown() {
        coalescer.touch(HOSTS, 0);

        assertThat(coalescer.takeAll()).containsExactly(HOSTS);
        assertThat(coalescer.size()).isZero();
    }
}

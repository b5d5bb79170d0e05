package dev.drift.embedded.netbox;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Change times at NetBox's microsecond precision that strictly increase, so two changes made within
 * the same microsecond still order correctly under {@code last_updated__gte}.
 */
final class ChangeClock {
    private final Clock clock;
    private final AtomicReference<Instant> last = new AtomicReference<>(Instant.EPOCH);

    ChangeClock(Clock clock) {
        this.clock = clock;
    }

    Instant next() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return last.updateAndGet(previous -> now.isAfter(previous) ? now : previous.plus(1, ChronoUnit.MICROS));
    }
}

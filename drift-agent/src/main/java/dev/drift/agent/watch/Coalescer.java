package dev.drift.agent.watch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Turns a burst of events for one path into one change: a path is due once it has been quiet for
 * the quiet time, or when it has been pending for the longest delay (so a file written without
 * pause is still reported regularly). Times are {@link System#nanoTime()} values. Not thread-safe:
 * the watcher thread owns it.
 */
final class Coalescer {
    private final long quietNanos;
    private final long maxDelayNanos;
    private final Map<Path, Pending> pending = new LinkedHashMap<>();

    private record Pending(long first, long last) {
        long dueAt(long quiet, long maxDelay) {
            return Math.min(last + quiet, first + maxDelay);
        }
    }

    Coalescer(long quietNanos, long maxDelayNanos) {
        if (quietNanos <= 0 || maxDelayNanos < quietNanos) {
            throw new IllegalArgumentException("need 0 < quiet <= max delay: " + quietNanos + ", " + maxDelayNanos);
        }
        this.quietNanos = quietNanos;
        this.maxDelayNanos = maxDelayNanos;
    }

    /**
     * An event for the path happened now. A pending directory above it (a rescan after an
     * overflow, a directory moved in) is kept waiting too, so it is walked once the tree is quiet
     * rather than while its files are still being written.
     */
    void touch(Path path, long now) {
        Pending before = pending.get(path);
        pending.put(path, new Pending(before == null ? now : before.first(), now));
        for (Path dir = path.getParent(); dir != null; dir = dir.getParent()) {
            Pending above = pending.get(dir);
            if (above != null) {
                pending.put(dir, new Pending(above.first(), now));
            }
        }
    }

    /** Removes and returns the due paths, in the order they were first touched. */
    List<Path> takeDue(long now) {
        List<Path> due = new ArrayList<>();
        for (Iterator<Map.Entry<Path, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Path, Pending> entry = it.next();
            if (entry.getValue().dueAt(quietNanos, maxDelayNanos) - now <= 0) {
                due.add(entry.getKey());
                it.remove();
            }
        }
        return due;
    }

    /** Removes and returns every pending path, due or not (at shutdown). */
    List<Path> takeAll() {
        List<Path> all = new ArrayList<>(pending.keySet());
        pending.clear();
        return all;
    }

    /** Nanoseconds until the next path is due (zero if one is); empty when nothing is pending. */
    OptionalLong nanosUntilDue(long now) {
        return pending.values().stream()
                .mapToLong(p -> Math.max(0, p.dueAt(quietNanos, maxDelayNanos) - now))
                .min();
    }

    int size() {
        return pending.size();
    }
}

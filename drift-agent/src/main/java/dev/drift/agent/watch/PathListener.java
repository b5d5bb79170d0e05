package dev.drift.agent.watch;

import java.nio.file.Path;

/**
 * Told that something at a path may have changed. Level-triggered: the call carries only the path,
 * and the listener re-reads what is there now and compares it with what it knew, so a repeated or
 * spurious call does no harm. The path is a watched file, or a directory whose watched files (and
 * vanished ones) must all be looked at, as after an inotify queue overflow.
 */
@FunctionalInterface
public interface PathListener {
    void changed(Path path);
}

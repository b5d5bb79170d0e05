package dev.drift.agent.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One configured path to watch: a file, or a directory whose files are watched (and those of its
 * subdirectories when {@code recursive}).
 *
 * @param path      absolute, normalised path
 * @param recursive for a directory, whether files in subdirectories (also ones created later) are watched
 */
public record WatchTarget(Path path, boolean recursive) {
    public WatchTarget {
        Objects.requireNonNull(path, "path");
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("watched path must be absolute: " + path);
        }
        path = path.normalize();
    }

    public static WatchTarget file(String path) {
        return new WatchTarget(Path.of(path), false);
    }

    public static WatchTarget tree(String path) {
        return new WatchTarget(Path.of(path), true);
    }
}

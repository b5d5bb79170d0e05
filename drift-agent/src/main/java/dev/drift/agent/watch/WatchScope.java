package dev.drift.agent.watch;

import dev.drift.agent.config.PathPatterns;
import dev.drift.agent.config.WatchTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Which files are watched: each configured file, the files directly in each configured directory,
 * and those at any depth in a recursive one; minus the ignored temporaries, matched on the file
 * name. A symbolic link in a watched directory is a watched file itself (recorded by the path it
 * points to); a configured path that is a link is followed.
 */
public final class WatchScope {
    private final List<WatchTarget> targets;
    private final PathPatterns ignore;

    public WatchScope(List<WatchTarget> targets, PathPatterns ignore) {
        this.targets = List.copyOf(targets);
        this.ignore = Objects.requireNonNull(ignore, "ignore");
    }

    public List<WatchTarget> targets() {
        return targets;
    }

    /** Whether changes of the file at this path are reported. */
    public boolean covers(Path file) {
        if (ignore.matches(file)) {
            return false;
        }
        return targets.stream().anyMatch(t -> file.equals(t.path())
                || (t.recursive() ? file.startsWith(t.path()) : t.path().equals(file.getParent())));
    }

    /**
     * Whether the path is configured itself, rather than found in a watched directory: a symbolic
     * link there is followed (read by the content it points to); one found in a directory is
     * recorded as a link (see {@link dev.drift.agent.baseline.Links}).
     */
    public boolean isTarget(Path path) {
        return targets.stream().anyMatch(t -> t.path().equals(path));
    }

    /** Whether a directory's entries can hold watched files (or lead to a watched path). */
    boolean leadsToWatched(Path dir) {
        return targets.stream().anyMatch(t -> t.path().startsWith(dir)
                || t.recursive() && dir.startsWith(t.path()));
    }

    /** Whether the path is strictly inside a recursively watched directory. */
    public boolean inRecursiveTree(Path path) {
        return targets.stream().anyMatch(t -> t.recursive() && path.startsWith(t.path()) && !path.equals(t.path()));
    }

}

package dev.drift.agent.watch;

import dev.drift.agent.config.PathPatterns;
import dev.drift.agent.config.WatchTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Which files are watched: each configured file, the files directly in each configured directory,
 * and those at any depth in a recursive one; minus the ignored temporaries, matched on the file
 * name.
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

    /** Whether a directory's entries can hold watched files (or lead to a watched path). */
    boolean leadsToWatched(Path dir) {
        return targets.stream().anyMatch(t -> t.path().startsWith(dir)
                || t.recursive() && dir.startsWith(t.path()));
    }

    /** Whether the path is strictly inside a recursively watched directory. */
    boolean inRecursiveTree(Path path) {
        return targets.stream().anyMatch(t -> t.recursive() && path.startsWith(t.path()) && !path.equals(t.path()));
    }

    /** The watched regular files currently at or below the path, sorted. */
    public List<Path> filesAt(Path path) {
        if (Files.isRegularFile(path)) {
            return covers(path) ? List.of(path) : List.of();
        }
        if (!Files.isDirectory(path)) {
            return List.of();
        }
        int depth = targets.stream().anyMatch(t -> t.recursive() && path.startsWith(t.path())) ? Integer.MAX_VALUE : 1;
        try (Stream<Path> walk = Files.walk(path, depth)) {
            return walk.filter(p -> !p.equals(path) && covers(p) && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            return retryShallow(path);
        }
    }

    /** A tree that changes while walked can fail the walk; then the watched level is listed alone. */
    private List<Path> retryShallow(Path dir) {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(p -> covers(p) && Files.isRegularFile(p)).sorted().forEach(files::add);
        } catch (IOException e) {
            return List.of();
        }
        return files;
    }

    /** Every watched regular file that exists now. */
    public List<Path> currentFiles() {
        return targets.stream().map(WatchTarget::path).flatMap(p -> filesAt(p).stream()).distinct().sorted().toList();
    }
}

package dev.drift.agent.change;

import dev.drift.agent.baseline.Links;
import dev.drift.agent.baseline.Stat;
import dev.drift.agent.watch.WatchScope;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RecursiveAction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Walks watched paths on a fork/join pool and hands every watched file to the visitor, each once,
 * with the {@link Stat} taken for it. Every directory entry is its own task: listing a directory
 * forks one per entry, so files are read while other directories are still being listed, and an
 * idle thread steals what another has queued. A symbolic link found in a directory is a file (it is
 * not followed, so neither is a linked directory descended); a configured path is followed.
 */
final class TreeWalk {
    private static final Logger LOG = Logger.getLogger(TreeWalk.class.getName());

    /** Told about each path, on a pool thread; must not throw. */
    interface Visitor {
        /** A watched file (or a watched path where nothing is now), with what a stat found there. */
        void file(Path path, Optional<Stat> stat);

        /** A path the baseline knows that is no longer watched. */
        void unwatched(Path path);
    }

    private final WatchScope scope;
    private final Visitor visitor;
    private final Set<Path> seen = ConcurrentHashMap.newKeySet();

    TreeWalk(WatchScope scope, Visitor visitor) {
        this.scope = scope;
        this.visitor = visitor;
    }

    /** A pool with a thread per core, named for thread dumps; close it after the walk. */
    static ForkJoinPool newPool() {
        return new ForkJoinPool(Runtime.getRuntime().availableProcessors(), pool -> {
            ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            thread.setName("drift-scan-" + thread.getPoolIndex());
            return thread;
        }, null, false);
    }

    /** Walks the roots (files or directories) on the pool; returns when every file was visited. */
    void walk(ForkJoinPool pool, List<Path> roots) {
        List<Entry> entries = roots.stream().map(root -> new Entry(root, true)).toList();
        pool.invoke(ForkJoinTask.adapt(() -> {
            ForkJoinTask.invokeAll(entries);
        }));
    }

    /**
     * Visits, on the pool, the paths not found by the walk (those only the baseline knows: deleted,
     * or no longer watched).
     */
    void visitRest(ForkJoinPool pool, List<Path> known) {
        List<Path> rest = known.stream().filter(seen::add).toList();
        if (!rest.isEmpty()) {
            pool.invoke(ForkJoinTask.adapt(() -> {
                rest.parallelStream().forEach(this::visitUnlisted);
            }));
        }
    }

    /** Visits one path on the calling thread, unless it was visited already. */
    void visit(Path path) {
        if (seen.add(path)) {
            visitUnlisted(path);
        }
    }

    private void visitUnlisted(Path path) {
        if (!scope.covers(path)) {
            visitor.unwatched(path);
            return;
        }
        try {
            visitor.file(path, Stat.of(path, links(path)));
        } catch (IOException e) {
            LOG.warning(() -> "cannot look at " + path + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Whether the walk has handed the path over. */
    boolean seen(Path path) {
        return seen.contains(path);
    }

    private Links links(Path path) {
        return scope.isTarget(path) ? Links.FOLLOW : Links.RECORD;
    }

    /** One path: a directory to list (a root, or inside a recursive tree), or a file to visit. */
    private final class Entry extends RecursiveAction {
        private final Path path;
        private final boolean root;

        private Entry(Path path, boolean root) {
            this.path = path;
            this.root = root;
        }

        @Override
        protected void compute() {
            Optional<Stat> stat;
            try {
                stat = Stat.of(path, links(path));
            } catch (IOException e) {
                LOG.warning(() -> "cannot look at " + path + " (" + e.getClass().getSimpleName() + ")");
                return;
            }
            if (stat.isEmpty()) {
                return;
            }
            if (stat.get().type() == Stat.Type.DIRECTORY) {
                if (root || scope.inRecursiveTree(path)) {
                    invokeAll(entries());
                }
            } else if (stat.get().isFile() && scope.covers(path) && seen.add(path)) {
                visitor.file(path, stat);
            }
        }

        private List<Entry> entries() {
            List<Entry> entries = new ArrayList<>();
            try (DirectoryStream<Path> listing = Files.newDirectoryStream(path)) {
                for (Path entry : listing) {
                    entries.add(new Entry(entry, false));
                }
            } catch (IOException | DirectoryIteratorException e) {
                LOG.log(Level.WARNING, "cannot list " + path + ": " + e.getMessage());
            }
            return entries;
        }
    }
}

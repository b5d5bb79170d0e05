package dev.drift.agent.change;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drift.agent.baseline.BaselineStore;
import dev.drift.agent.baseline.FileStateReader;
import dev.drift.agent.baseline.Links;
import dev.drift.agent.baseline.ReadSession;
import dev.drift.agent.baseline.Stat;
import dev.drift.agent.config.HostRoot;
import dev.drift.agent.config.WatchTarget;
import dev.drift.agent.event.EventSink;
import dev.drift.agent.event.OutboundEvent;
import dev.drift.agent.watch.PathListener;
import dev.drift.agent.watch.WatchScope;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Compares what is on disk with the baseline and publishes {@code drift.file_changed} for every
 * difference, then makes the observation the new baseline. Level-triggered and idempotent: a
 * second call for an unchanged path publishes nothing.
 *
 * <p>The event is published before the baseline moves on: if the agent dies in between, the change
 * is reported again at the next start rather than lost. A sensitive file (see
 * {@link dev.drift.agent.redact.SensitiveFiles}) is published with {@code sensitive: true}, its
 * hash and attributes, and no diff; its settings only when the parser is safe for secrets. Only
 * paths and change kinds are ever logged.
 *
 * <p>A change that cannot be published (spool full) or whose baseline cannot be written leaves the
 * old baseline in place, so it is reported again on the next change of the file or the next start.
 *
 * <p>Directories (the startup scan, a directory created in a watched tree, a rescan after an
 * inotify overflow) are walked on a pool with a thread per core ({@link TreeWalk}): each file is
 * read, compared and its event built on the thread that found it, and changes are published from
 * there (one at a time); the snapshots of unchanged files are published last, in path order.
 *
 * <p>Thread-safe: the watcher thread and the startup scan may call it at the same time.
 */
public final class ChangeDetector implements PathListener {
    private static final Logger LOG = Logger.getLogger(ChangeDetector.class.getName());

    private final WatchScope scope;
    private final FileStateReader reader;
    private final BaselineStore baseline;
    private final Reconciler reconciler;

    /** A detector for an agent on the node itself (paths on disk are the node's). */
    public ChangeDetector(String ciId, WatchScope scope, FileStateReader reader, BaselineStore baseline,
                          EventSink sink, Clock clock) {
        this(ciId, scope, reader, baseline, sink, clock, HostRoot.NODE);
    }

    /** @param host where the node's root is read from; events name node paths */
    public ChangeDetector(String ciId, WatchScope scope, FileStateReader reader, BaselineStore baseline,
                          EventSink sink, Clock clock, HostRoot host) {
        this.scope = Objects.requireNonNull(scope, "scope");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.baseline = Objects.requireNonNull(baseline, "baseline");
        this.reconciler = new Reconciler(ciId, baseline, sink, clock, host);
    }

    /** Reconciles the path, or every watched and every known file at or below it. */
    @Override
    public synchronized void changed(Path path) {
        Pass pass = new Pass(reader.session(), false);
        if (isDirectory(path)) {
            try (ForkJoinPool pool = TreeWalk.newPool()) {
                pass.walk.walk(pool, List.of(path));
                pass.walk.visitRest(pool, baseline.pathsUnder(path));
            }
        } else {
            pass.walk.visit(path);
            baseline.pathsUnder(path).forEach(pass.walk::visit);
        }
    }

    private boolean isDirectory(Path path) {
        try {
            Links links = scope.isTarget(path) ? Links.FOLLOW : Links.RECORD;
            return Stat.of(path, links).map(s -> s.type() == Stat.Type.DIRECTORY).orElse(false);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Reconciles every watched file and every file in the baseline: publishes what changed while
     * the agent was not running, then a {@code snapshot} of each unchanged file, so the service
     * holds the full current state of the node after every start. Baselines of paths that are no
     * longer watched are dropped without an event.
     */
    public synchronized ScanReport startupScan() {
        long start = System.nanoTime();
        Pass pass = new Pass(reader.session(), true);
        try (ForkJoinPool pool = TreeWalk.newPool()) {
            pass.walk.walk(pool, scope.targets().stream().map(WatchTarget::path).toList());
            pass.walk.visitRest(pool, baseline.paths());
        }
        int snapshots = 0;
        for (Map.Entry<Path, ObjectNode> snapshot : pass.snapshots.entrySet()) {
            snapshots += reconciler.publishSnapshot(snapshot.getKey(), snapshot.getValue()) ? 1 : 0;
        }
        ScanReport report = new ScanReport(pass.changed.get(), snapshots, Duration.ofNanos(System.nanoTime() - start),
                pass.files.get(), pass.session.bytesRead());
        LOG.info(() -> "startup scan: " + report.changed() + " changes since the last run, " + report.snapshots()
                + " unchanged files, " + report.took().toMillis() + " ms (" + report.files() + " files, "
                + report.bytesRead() / 1024 + " KiB read)");
        return report;
    }

    /** One reconciling of a path or of everything: what it found, on whichever threads it ran. */
    private final class Pass {
        private final ReadSession session;
        private final boolean startup;
        private final TreeWalk walk;
        private final AtomicInteger changed = new AtomicInteger();
        private final AtomicInteger files = new AtomicInteger();
        /** Unchanged files' snapshot payloads (their text already dropped), published last in path order. */
        private final Map<Path, ObjectNode> snapshots = new ConcurrentSkipListMap<>();

        private Pass(ReadSession session, boolean startup) {
            this.session = session;
            this.startup = startup;
            this.walk = new TreeWalk(scope, new TreeWalk.Visitor() {
                @Override
                public void file(Path path, Optional<Stat> stat) {
                    Pass.this.file(path, stat);
                }

                @Override
                public void unwatched(Path path) {
                    reconciler.forget(path);
                }
            });
        }

        private void file(Path path, Optional<Stat> stat) {
            try {
                files.incrementAndGet();
                switch (reconciler.reconcile(path, read(path, stat), startup)) {
                    case Reconciler.Outcome.Published p -> changed.incrementAndGet();
                    case Reconciler.Outcome.Unchanged u -> snapshots.put(path, u.snapshot());
                    case Reconciler.Outcome.Skipped s -> { }
                }
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "handling " + path + " failed; it is looked at again on its next change", e);
            }
        }

        private Reconciler.Read read(Path path, Optional<Stat> stat) {
            try {
                return new Reconciler.Read(stat.isEmpty() ? Optional.empty() : session.read(path, stat.get()), null);
            } catch (IOException e) {
                return new Reconciler.Read(Optional.empty(), e);
            }
        }
    }
}

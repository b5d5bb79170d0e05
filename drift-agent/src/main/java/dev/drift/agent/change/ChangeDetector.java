package dev.drift.agent.change;

import dev.drift.agent.baseline.BaselineStore;
import dev.drift.agent.baseline.FileState;
import dev.drift.agent.baseline.FileStateReader;
import dev.drift.agent.baseline.Observation;
import dev.drift.agent.config.HostRoot;
import dev.drift.agent.event.EventSink;
import dev.drift.agent.event.OutboundEvent;
import dev.drift.agent.parse.Settings;
import dev.drift.agent.parse.SettingsParsers;
import dev.drift.agent.watch.PathListener;
import dev.drift.agent.watch.WatchScope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.logging.Logger;
import java.util.stream.Collectors;

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
 * <p>Thread-safe: the watcher thread and the startup scan may call it at the same time.
 */
public final class ChangeDetector implements PathListener {
    private static final Logger LOG = Logger.getLogger(ChangeDetector.class.getName());
    /** Files read at once in a scan: bounds what is held in memory beside the unchanged files' snapshots. */
    private static final int READ_CHUNK = 64;

    private final String ciId;
    private final WatchScope scope;
    private final FileStateReader reader;
    private final BaselineStore baseline;
    private final EventSink sink;
    private final Clock clock;
    private final HostRoot host;

    /** A detector for an agent on the node itself (paths on disk are the node's). */
    public ChangeDetector(String ciId, WatchScope scope, FileStateReader reader, BaselineStore baseline,
                          EventSink sink, Clock clock) {
        this(ciId, scope, reader, baseline, sink, clock, HostRoot.NODE);
    }

    /** @param host where the node's root is read from; events name node paths */
    public ChangeDetector(String ciId, WatchScope scope, FileStateReader reader, BaselineStore baseline,
                          EventSink sink, Clock clock, HostRoot host) {
        this.host = Objects.requireNonNull(host, "host");
        this.ciId = Objects.requireNonNull(ciId, "ciId");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.baseline = Objects.requireNonNull(baseline, "baseline");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Reconciles the path, or every watched and every known file at or below it. */
    @Override
    public synchronized void changed(Path path) {
        for (Path file : candidates(path)) {
            reconcile(file, false, read(file));
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
        TreeSet<Path> files = new TreeSet<>(scope.currentFiles());
        files.addAll(baseline.paths());
        Map<Path, Observation> unchanged = new LinkedHashMap<>();
        int changed = 0;
        List<Path> all = List.copyOf(files);
        for (int from = 0; from < all.size(); from += READ_CHUNK) {
            List<Path> chunk = all.subList(from, Math.min(from + READ_CHUNK, all.size()));
            Map<Path, Read> reads = readInParallel(chunk);
            for (Path file : chunk) {
                switch (reconcile(file, true, reads.get(file))) {
                    case Outcome.Published p -> changed++;
                    case Outcome.Unchanged u -> unchanged.put(file, u.now());
                    case Outcome.Skipped s -> { }
                }
            }
        }
        int snapshots = 0;
        for (Map.Entry<Path, Observation> file : unchanged.entrySet()) {
            snapshots += publishSnapshot(file.getKey(), file.getValue()) ? 1 : 0;
        }
        ScanReport report = new ScanReport(changed, snapshots, Duration.ofNanos(System.nanoTime() - start));
        LOG.info(() -> "startup scan: " + report.changed() + " changes since the last run, " + report.snapshots()
                + " unchanged files, " + report.took().toMillis() + " ms");
        return report;
    }

    private List<Path> candidates(Path path) {
        TreeSet<Path> files = new TreeSet<>(scope.filesAt(path));
        files.addAll(baseline.pathsUnder(path));
        if (scope.covers(path)) {
            files.add(path);
        }
        return List.copyOf(files);
    }

    /** What reconciling one file did; an unchanged file carries what was read, for its snapshot. */
    private sealed interface Outcome {
        record Published() implements Outcome {
        }

        record Unchanged(Observation now) implements Outcome {
        }

        record Skipped() implements Outcome {
        }
    }

    /** A file as read from disk, or why it could not be. */
    private record Read(Optional<Observation> observation, IOException failure) {
    }

    private Read read(Path file) {
        try {
            return new Read(reader.read(file), null);
        } catch (IOException e) {
            return new Read(Optional.empty(), e);
        }
    }

    /**
     * Reads the files on the common pool (the cores the machine has); reading and hashing is most of
     * a scan, and comparing and publishing stay in order on the calling thread.
     */
    private Map<Path, Read> readInParallel(List<Path> files) {
        return files.parallelStream().collect(Collectors.toMap(file -> file, this::read));
    }

    private Outcome reconcile(Path file, boolean scanning, Read read) {
        if (!scope.covers(file)) {
            baseline.remove(file);
            return new Outcome.Skipped();
        }
        try {
            if (read.failure() != null) {
                throw read.failure();
            }
            Optional<Observation> now = read.observation();
            Optional<FileState> before = baseline.get(file);
            Optional<ChangeKind> change = ChangeKind.between(before, now.map(Observation::state));
            if (change.isEmpty()) {
                return now.<Outcome>map(Outcome.Unchanged::new).orElseGet(Outcome.Skipped::new);
            }
            publish(file, change.get(), before, now);
            now.ifPresentOrElse(o -> baseline.put(file, o.state()), () -> baseline.remove(file));
            LOG.fine(() -> change.get().json() + " " + file + (scanning ? " (while the agent was not running)" : ""));
            return new Outcome.Published();
        } catch (IOException e) {
            logUnreadable(file, e);
            return new Outcome.Skipped();
        } catch (EventSink.SinkFullException e) {
            LOG.warning(() -> "spool full: " + file + " keeps its old baseline and is reported on its next change or start");
            return new Outcome.Skipped();
        } catch (UncheckedIOException e) {
            LOG.warning(() -> "cannot keep the baseline of " + file + ": " + e.getCause().getMessage()
                    + "; its change may be reported again");
            return new Outcome.Skipped();
        }
    }

    private boolean publishSnapshot(Path file, Observation now) {
        try {
            publish(file, ChangeKind.SNAPSHOT, Optional.empty(), Optional.of(now));
            return true;
        } catch (EventSink.SinkFullException e) {
            LOG.warning(() -> "spool full: no snapshot of " + file);
            return false;
        }
    }

    /** The exception's class only: its message could quote the file. */
    private static void logUnreadable(Path file, IOException e) {
        LOG.warning(() -> "cannot read " + file + " (" + e.getClass().getSimpleName() + "); it is reported once readable");
    }

    private void publish(Path file, ChangeKind change, Optional<FileState> before, Optional<Observation> now) {
        Optional<FileState> state = now.map(Observation::state);
        boolean sensitive = state.map(FileState::sensitive).orElse(false)
                || before.map(FileState::sensitive).orElse(false);
        Path node = host.onNode(file);
        Optional<String> diff = sensitive || change == ChangeKind.SNAPSHOT ? Optional.empty() : diff(node, before, state);
        Optional<Settings> settings = now.flatMap(o -> settings(node, o, sensitive));
        sink.publish(new OutboundEvent(FileChangedPayload.STREAM, ciId, FileChangedPayload.build(
                ciId, node, change, state, sensitive, diff, settings, Instant.now(clock))));
    }

    /** Against an absent side as empty; none when either side's text is unknown (binary, too large). */
    private static Optional<String> diff(Path file, Optional<FileState> before, Optional<FileState> now) {
        Optional<String> old = before.isPresent() ? before.get().content() : Optional.of("");
        Optional<String> current = now.isPresent() ? now.get().content() : Optional.of("");
        if (old.isEmpty() || current.isEmpty()) {
            return Optional.empty();
        }
        String text = UnifiedDiff.between(file.toString(), old.get(), current.get());
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    private static Optional<Settings> settings(Path file, Observation now, boolean sensitive) {
        return SettingsParsers.forPath(file)
                .filter(parser -> !sensitive || parser.safeWhenSensitive())
                .flatMap(parser -> now.text().map(parser::parse));
    }
}

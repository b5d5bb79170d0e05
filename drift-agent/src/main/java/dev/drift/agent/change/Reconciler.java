package dev.drift.agent.change;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.drift.agent.baseline.BaselineStore;
import dev.drift.agent.baseline.FileState;
import dev.drift.agent.baseline.Observation;
import dev.drift.agent.config.HostRoot;
import dev.drift.agent.event.EventSink;
import dev.drift.agent.event.OutboundEvent;
import dev.drift.agent.parse.Settings;
import dev.drift.agent.parse.SettingsParsers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Reconciles one file with its baseline: compares, builds the event, publishes it, then moves the
 * baseline on. Called from several threads at once (each path from one); publishing is serialised,
 * as the sink asks.
 */
final class Reconciler {
    private static final Logger LOG = Logger.getLogger(Reconciler.class.getName());

    private final String ciId;
    private final BaselineStore baseline;
    private final EventSink sink;
    private final Clock clock;
    private final HostRoot host;
    private final Object publishing = new Object();

    Reconciler(String ciId, BaselineStore baseline, EventSink sink, Clock clock, HostRoot host) {
        this.ciId = Objects.requireNonNull(ciId, "ciId");
        this.baseline = Objects.requireNonNull(baseline, "baseline");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.host = Objects.requireNonNull(host, "host");
    }

    /** A file as read from disk, or why it could not be. */
    record Read(Optional<Observation> observation, IOException failure) {
    }

    /** What reconciling one file did; an unchanged file at startup carries its snapshot payload. */
    sealed interface Outcome {
        record Published() implements Outcome {
        }

        record Unchanged(ObjectNode snapshot) implements Outcome {
        }

        record Skipped() implements Outcome {
        }
    }

    /** A path no longer watched loses its baseline, without an event. */
    void forget(Path file) {
        try {
            if (baseline.contains(file)) {
                baseline.remove(file);
            }
        } catch (UncheckedIOException e) {
            LOG.warning(() -> "cannot drop the baseline of " + file + ": " + e.getCause().getMessage());
        }
    }

    /**
     * Reconciles a watched file.
     *
     * @param startup whether an unchanged file's snapshot payload is wanted
     */
    Outcome reconcile(Path file, Read read, boolean startup) {
        try {
            if (read.failure() != null) {
                throw read.failure();
            }
            Optional<Observation> now = read.observation();
            Optional<FileState> before = baseline.state(file);
            Optional<ChangeKind> change = ChangeKind.between(before, now.map(Observation::state));
            if (change.isEmpty()) {
                return startup && now.isPresent()
                        ? new Outcome.Unchanged(payload(file, ChangeKind.SNAPSHOT, Optional.empty(), now))
                        : new Outcome.Skipped();
            }
            publish(payload(file, change.get(), withText(file, before, now), now));
            now.ifPresentOrElse(o -> baseline.put(file, o.state()), () -> baseline.remove(file));
            LOG.fine(() -> change.get().json() + " " + file + (startup ? " (while the agent was not running)" : ""));
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

    /** Publishes a snapshot built by {@link #reconcile}; false when the spool is full. */
    boolean publishSnapshot(Path file, ObjectNode payload) {
        try {
            publish(payload);
            return true;
        } catch (EventSink.SinkFullException e) {
            LOG.warning(() -> "spool full: no snapshot of " + file);
            return false;
        }
    }

    private void publish(ObjectNode payload) {
        synchronized (publishing) {
            sink.publish(new OutboundEvent(FileChangedPayload.STREAM, ciId, payload));
        }
    }

    /**
     * The baseline with its text, read from disk, when a diff can use it: the comparison needed only
     * what is held in memory.
     */
    private Optional<FileState> withText(Path file, Optional<FileState> before, Optional<Observation> now) {
        boolean diffable = before.isPresent() && !before.get().sensitive()
                && now.map(o -> o.state().content().isPresent()).orElse(true);
        return diffable ? baseline.get(file).or(() -> before) : before;
    }

    /** The exception's class only: its message could quote the file. */
    private static void logUnreadable(Path file, IOException e) {
        LOG.warning(() -> "cannot read " + file + " (" + e.getClass().getSimpleName() + "); it is reported once readable");
    }

    private ObjectNode payload(Path file, ChangeKind change, Optional<FileState> before, Optional<Observation> now) {
        Optional<FileState> state = now.map(Observation::state);
        boolean sensitive = state.map(FileState::sensitive).orElse(false)
                || before.map(FileState::sensitive).orElse(false);
        Path node = host.onNode(file);
        Optional<String> diff = sensitive || change == ChangeKind.SNAPSHOT ? Optional.empty() : diff(node, before, state);
        Optional<Settings> settings = now.flatMap(o -> settings(node, o, sensitive));
        return FileChangedPayload.build(ciId, node, change, state, sensitive, diff, settings, Instant.now(clock));
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

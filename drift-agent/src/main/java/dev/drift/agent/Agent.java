package dev.drift.agent;

import dev.drift.agent.baseline.BaselineStore;
import dev.drift.agent.baseline.FileStateReader;
import dev.drift.agent.change.ChangeDetector;
import dev.drift.agent.change.ScanReport;
import dev.drift.agent.config.AgentConfig;
import dev.drift.agent.config.HostRoot;
import dev.drift.agent.config.WatchTarget;
import java.util.List;
import dev.drift.agent.event.EventSink;
import dev.drift.agent.redact.SensitiveFiles;
import dev.drift.agent.watch.FileWatcher;
import dev.drift.agent.watch.WatchScope;
import java.time.Clock;

/**
 * The file-watching half of the agent, wired from its configuration: the baseline in the state
 * directory, the watcher and the change detector publishing to the given sink.
 *
 * <p>Lifecycle: {@link #start} opens the baseline, registers the watches (from then on no change
 * is missed), then runs the startup scan, which publishes what changed while the agent was not
 * running and a snapshot of the rest; changes seen meanwhile are handled as well. {@link #close}
 * stops watching after the pending changes are handed over; the sink belongs to the caller.
 */
public final class Agent implements AutoCloseable {
    private final FileWatcher watcher;
    private final ScanReport startupScan;

    private Agent(FileWatcher watcher, ScanReport startupScan) {
        this.watcher = watcher;
        this.startupScan = startupScan;
    }

    /** Starts watching and runs the startup scan before returning. */
    public static Agent start(AgentConfig config, EventSink sink, Clock clock) {
        HostRoot host = config.hostRoot();
        List<WatchTarget> onDisk = config.watch().stream()
                .map(target -> new WatchTarget(host.onDisk(target.path()), target.recursive())).toList();
        WatchScope scope = new WatchScope(onDisk, config.ignore());
        FileStateReader reader = new FileStateReader(new SensitiveFiles(config.sensitive(), host),
                config.contentMaxBytes());
        ChangeDetector detector = new ChangeDetector(config.ciId(), scope, reader,
                BaselineStore.open(config.stateDir()), sink, clock, host);
        FileWatcher watcher = new FileWatcher(scope, config.coalesce(), detector);
        watcher.start();
        try {
            return new Agent(watcher, detector.startupScan());
        } catch (RuntimeException e) {
            watcher.close();
            throw e;
        }
    }

    public ScanReport startupScan() {
        return startupScan;
    }

    /** The number of configured paths (for the heartbeat). */
    public int watchedPathCount() {
        return watcher.watchedPathCount();
    }

    @Override
    public void close() {
        watcher.close();
    }
}

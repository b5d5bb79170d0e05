package dev.drift.agent.watch;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import dev.drift.agent.config.WatchTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Watches the {@link WatchScope} with the platform's WatchService (inotify on Linux) and tells the
 * {@link PathListener} which paths changed, one call per burst.
 *
 * <p>inotify watches directories, so each watched file is seen through its parent directory: that
 * also catches a file replaced by a rename ({@code sed -i}, vim, dpkg), whose new inode a watch on
 * the file itself would miss. Directories are registered recursively where asked, including ones
 * created later. On Linux {@code ENTRY_MODIFY} covers both writes and attribute changes (chmod,
 * chown). A configured file that is a symbolic link is also watched where it points; a link found
 * in a watched directory is a file there (its creation, deletion and retargeting are events of that
 * directory) and is not followed, nor is a linked directory watched. When the event queue
 * overflows, every watched path is handed to the listener again.
 *
 * <p>Lifecycle: {@link #start()} registers the watches before it returns, so nothing that happens
 * afterwards is missed; one daemon thread then waits for events, coalesces them and calls the
 * listener. {@link #close()} stops it after handing over what is still pending.
 */
public final class FileWatcher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(FileWatcher.class.getName());
    /** A file written without pause is still reported at least this often. */
    private static final int MAX_DELAY_FACTOR = 20;
    /** Keys handled before pending paths get a chance to flush, under an endless flood of events. */
    private static final int MAX_KEYS_PER_ROUND = 1_000;

    private final WatchScope scope;
    private final PathListener listener;
    private final Coalescer coalescer;
    private final WatchService service;
    private final Map<WatchKey, Path> directories = new HashMap<>();
    /** The real file behind each watched path that is a symbolic link, to that path. */
    private final Map<Path, Path> linkedFiles = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    public FileWatcher(WatchScope scope, Duration coalesce, PathListener listener) {
        this.scope = Objects.requireNonNull(scope, "scope");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.coalescer = new Coalescer(coalesce.toNanos(), coalesce.toNanos() * MAX_DELAY_FACTOR);
        try {
            this.service = FileSystems.getDefault().newWatchService();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a watch service (inotify instances exhausted?)", e);
        }
        this.thread = new Thread(this::run, "drift-watch");
        this.thread.setDaemon(true);
    }

    /** Registers every watch, then starts the watcher thread. */
    public void start() {
        registerTargets();
        int registered = directories.size();
        thread.start();
        LOG.info(() -> "watching " + scope.targets().size() + " paths through " + registered + " directories");
    }

    private void run() {
        try {
            while (running) {
                handleKeys(nextKey());
                deliver(coalescer.takeDue(System.nanoTime()));
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            LOG.fine("watcher stopping");
        }
        deliver(coalescer.takeAll());
    }

    private WatchKey nextKey() throws InterruptedException {
        OptionalLong wait = coalescer.nanosUntilDue(System.nanoTime());
        return wait.isPresent() ? service.poll(wait.getAsLong(), TimeUnit.NANOSECONDS) : service.take();
    }

    private void handleKeys(WatchKey first) {
        int handled = 0;
        for (WatchKey key = first; key != null && handled < MAX_KEYS_PER_ROUND; key = service.poll(), handled++) {
            Path dir = directories.get(key);
            if (dir != null) {
                key.pollEvents().forEach(event -> handleEvent(dir, event));
            }
            if (!key.reset()) {
                directories.remove(key);
            }
        }
    }

    private void handleEvent(Path dir, WatchEvent<?> event) {
        long now = System.nanoTime();
        if (event.kind() == OVERFLOW) {
            LOG.warning("inotify event queue overflowed: rescanning every watched path");
            scope.targets().forEach(t -> coalescer.touch(t.path(), now));
            return;
        }
        Path path = dir.resolve((Path) event.context());
        boolean target = scope.isTarget(path);
        if (event.kind() == ENTRY_CREATE && isDirectory(path, target || !scope.covers(path))
                && scope.leadsToWatched(path)) {
            registerNewDirectory(path);
        }
        Path linked = linkedFiles.get(path);
        if (linked != null) {
            coalescer.touch(linked, now);
        }
        if (scope.covers(path)) {
            coalescer.touch(path, now);
            if (target && Files.isSymbolicLink(path)) {
                registerTargets();
            }
        } else if (scope.leadsToWatched(path)) {
            scope.targets().stream().map(WatchTarget::path).filter(t -> t.startsWith(path))
                    .forEach(t -> coalescer.touch(t, now));
        }
    }

    /**
     * A link to a directory found in a watched directory is a watched file, not a directory to
     * watch; a configured path, or one on the way to it, is followed.
     */
    private static boolean isDirectory(Path path, boolean follow) {
        return follow ? Files.isDirectory(path) : Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * A directory created (or moved) into a recursive tree is watched with its subdirectories; one
     * on the way to a configured path (its parent being recreated) brings back the target's watches.
     * Files created in it before its watch existed are found because the listener walks it.
     */
    private void registerNewDirectory(Path dir) {
        if (scope.inRecursiveTree(dir)) {
            registerDirectory(dir, true);
        } else {
            registerTargets();
        }
    }

    private void deliver(Iterable<Path> paths) {
        for (Path path : paths) {
            try {
                listener.changed(path);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "handling a change of " + path + " failed; it is looked at again on its next change", e);
            }
        }
    }

    /** Idempotent: registers what exists of every target's watch set. */
    private void registerTargets() {
        linkedFiles.clear();
        for (WatchTarget target : scope.targets()) {
            registerNearestExisting(target.path().getParent());
            if (Files.isDirectory(target.path())) {
                registerDirectory(target.path(), target.recursive());
            } else if (Files.isSymbolicLink(target.path())) {
                registerLinkedFile(target.path());
            }
        }
    }

    /**
     * A watched file that is a symbolic link ({@code /etc/resolv.conf} under systemd-resolved) is
     * reported by its content, so the directory of the file it points to is watched as well; events
     * there are reported under the watched path. Replacing the link re-resolves it.
     */
    private void registerLinkedFile(Path link) {
        try {
            Path real = link.toRealPath();
            if (!real.equals(link) && real.getParent() != null) {
                linkedFiles.put(real, link);
                register(real.getParent());
            }
        } catch (IOException e) {
            LOG.fine(() -> link + " points to nothing yet: " + e.getMessage());
        }
    }

    /** A target whose parent does not exist yet is watched from its closest existing ancestor. */
    private void registerNearestExisting(Path dir) {
        Path existing = dir;
        while (existing != null && !Files.isDirectory(existing)) {
            existing = existing.getParent();
        }
        if (existing != null) {
            register(existing);
        }
    }

    private void registerDirectory(Path dir, boolean recursive) {
        if (!recursive) {
            register(dir);
            return;
        }
        register(dir);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    registerDirectory(entry, true);
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            LOG.warning(() -> "cannot walk " + dir + " to watch it: " + e.getMessage());
        }
    }

    private void register(Path dir) {
        try {
            directories.put(dir.register(service, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY), dir);
        } catch (IOException e) {
            LOG.warning(() -> "cannot watch " + dir + ": " + e.getMessage());
        }
    }

    /** The number of configured paths (for the heartbeat). */
    public int watchedPathCount() {
        return scope.targets().size();
    }

    /** Stops watching; pending changes are handed to the listener before this returns. */
    @Override
    public void close() {
        running = false;
        try {
            service.close();
            thread.join();
        } catch (IOException e) {
            LOG.warning(() -> "closing the watch service: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

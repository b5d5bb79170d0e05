package dev.drift.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;

/**
 * {@code <state-dir>/alive}: rewritten with the time after every heartbeat the sink accepted, so a
 * container health check can tell a working agent from a stuck one by the file's age
 * ({@code find /var/lib/drift-agent/alive -mmin -2}). A heartbeat that cannot be kept (spool full)
 * leaves it to age.
 */
final class AliveFile implements Runnable {
    static final String NAME = "alive";

    private final Path file;
    private final Clock clock;

    AliveFile(Path stateDir, Clock clock) {
        this.file = stateDir.resolve(NAME);
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.writeString(file.resolveSibling(NAME + ".tmp"), clock.instant() + "\n");
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}

package dev.drift.agent.publish;

import java.nio.file.Path;

/**
 * The agent's event sequence numbers: strictly increasing across restarts, never reused, also after
 * a kill -9. Numbers are reserved in blocks: the file holds the first number not yet reserved, and
 * is durably raised before any number of a new block is handed out. A restart continues at the
 * stored number, so the unused rest of the last block is skipped (gaps are possible, reuse is not).
 *
 * <p>A counter without a file (a new node, or a state directory that was lost) starts at the current
 * time in microseconds since the epoch, so it lands above every number an earlier state directory
 * on this node handed out (unless that one published more than a million events per second on
 * average), and the service, which skips a (CI, seq) it has taken before as a replay, keeps taking
 * its events.
 */
final class SequenceCounter {
    static final String FILE = "seq";
    static final long BLOCK = 1_000;
    private static final long FIRST = 1;

    private final Path file;
    private long next;
    private long reservedUntil;

    private SequenceCounter(Path file, long next) {
        this.file = file;
        this.next = next;
        this.reservedUntil = next;
    }

    /**
     * Opens the counter kept in {@code directory}.
     *
     * @throws IllegalStateException if the file exists but is not a number: starting again from 1
     *                               would reuse numbers the service has already seen
     */
    static SequenceCounter open(Path directory) {
        return open(directory, java.time.Clock.systemUTC());
    }

    /** {@link #open(Path)}, with the clock that places a fresh counter's first number. */
    static SequenceCounter open(Path directory, java.time.Clock clock) {
        Path file = directory.resolve(FILE);
        long next = DurableFiles.read(file).map(text -> parse(file, text))
                .orElseGet(() -> Math.max(FIRST, clock.millis() * 1_000));
        return new SequenceCounter(file, next);
    }

    private static long parse(Path file, String text) {
        try {
            long value = Long.parseLong(text);
            if (value < FIRST) {
                throw new NumberFormatException("below " + FIRST);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalStateException("sequence file " + file + " is damaged ('" + text
                    + "'); set it above the last seq the service has seen to continue", e);
        }
    }

    synchronized long next() {
        if (next == reservedUntil) {
            reservedUntil = next + BLOCK;
            DurableFiles.replace(file, Long.toString(reservedUntil));
        }
        return next++;
    }
}

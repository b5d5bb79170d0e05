package dev.drift.agent.publish;

import io.lettuce.core.RedisURI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the agent publishes to Redis. Defaults ({@link #defaults}): 1 s command timeout, streams
 * capped at about 100,000 entries, a spool of at most 64 MiB or 100,000 events, replay attempts
 * every second while Redis is unreachable.
 *
 * @param redisUri          Redis to publish to, e.g. {@code redis://127.0.0.1:6379}
 * @param stateDirectory    the agent's state directory; the publisher keeps its files (sequence
 *                          counter, spool, lock) under {@code <stateDirectory>/publish/}
 * @param agent             stamped into every payload as {@code agent}, e.g. {@code drift-agent/0.1.0}
 * @param commandTimeout    how long one XADD (or connecting) may take before the event is spooled
 * @param maxStreamLength   XADD trims each stream to about this many entries ({@code MAXLEN ~})
 * @param spoolMaxBytes     the spool refuses events beyond this many bytes not yet in Redis
 * @param spoolMaxRecords   ... or beyond this many events
 * @param replayInterval    pause between replay attempts while Redis is unreachable
 */
public record PublishSettings(String redisUri, Path stateDirectory, String agent, Duration commandTimeout,
                              long maxStreamLength, long spoolMaxBytes, long spoolMaxRecords,
                              Duration replayInterval) {
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(1);
    public static final long DEFAULT_MAX_STREAM_LENGTH = 100_000;
    public static final long DEFAULT_SPOOL_MAX_BYTES = 64L * 1024 * 1024;
    public static final long DEFAULT_SPOOL_MAX_RECORDS = 100_000;
    public static final Duration DEFAULT_REPLAY_INTERVAL = Duration.ofSeconds(1);

    public PublishSettings {
        RedisURI.create(Objects.requireNonNull(redisUri, "redisUri")); // a malformed URI fails at startup
        Objects.requireNonNull(stateDirectory, "stateDirectory");
        Objects.requireNonNull(agent, "agent");
        requirePositive(commandTimeout, "commandTimeout");
        requirePositive(replayInterval, "replayInterval");
        if (maxStreamLength < 1) {
            throw new IllegalArgumentException("maxStreamLength must be positive: " + maxStreamLength);
        }
        new SpoolBound(spoolMaxBytes, spoolMaxRecords); // validates the bound now, not at first spooling
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }

    /** The settings with every default; see the class comment. */
    public static PublishSettings defaults(String redisUri, Path stateDirectory, String agent) {
        return new PublishSettings(redisUri, stateDirectory, agent, DEFAULT_COMMAND_TIMEOUT,
                DEFAULT_MAX_STREAM_LENGTH, DEFAULT_SPOOL_MAX_BYTES, DEFAULT_SPOOL_MAX_RECORDS,
                DEFAULT_REPLAY_INTERVAL);
    }

    public PublishSettings withSpoolBound(long maxBytes, long maxRecords) {
        return new PublishSettings(redisUri, stateDirectory, agent, commandTimeout, maxStreamLength, maxBytes,
                maxRecords, replayInterval);
    }

    public PublishSettings withCommandTimeout(Duration timeout) {
        return new PublishSettings(redisUri, stateDirectory, agent, timeout, maxStreamLength, spoolMaxBytes,
                spoolMaxRecords, replayInterval);
    }

    public PublishSettings withMaxStreamLength(long entries) {
        return new PublishSettings(redisUri, stateDirectory, agent, commandTimeout, entries, spoolMaxBytes,
                spoolMaxRecords, replayInterval);
    }

    public PublishSettings withReplayInterval(Duration interval) {
        return new PublishSettings(redisUri, stateDirectory, agent, commandTimeout, maxStreamLength,
                spoolMaxBytes, spoolMaxRecords, interval);
    }

    SpoolBound spoolBound() {
        return new SpoolBound(spoolMaxBytes, spoolMaxRecords);
    }

    Path directory() {
        return stateDirectory.resolve("publish");
    }
}

package dev.drift.service.system;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Appends entries to Redis streams at most once per idempotency key, so that a writer that crashed
 * after appending but before recording the append can safely append again.
 *
 * <p>A Lua script sets {@code drift:once:<key>} with NX and, only if it was not set, runs XADD; Redis
 * runs scripts atomically, so the marker and the entry appear together or not at all. Markers
 * expire after the configured dedup TTL, which bounds how late a retry may come. The script is
 * sent with EVAL each time (not EVALSHA) so that a restarted Redis with an empty script cache needs
 * no special handling.
 */
@Singleton
public final class IdempotentStreamWriter {
    private static final String SCRIPT = """
            if redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then
              local args = {KEYS[2], 'MAXLEN', '~', ARGV[2], '*'}
              for i = 3, #ARGV do args[#args + 1] = ARGV[i] end
              return redis.call('XADD', unpack(args))
            end
            return false
            """;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final StatefulRedisConnection<String, String> connection;

    /** An entry to append: its stream, its fields and the key that makes it unique. */
    public record Append(String stream, String idempotencyKey, Map<String, String> fields) {
    }

    public IdempotentStreamWriter(StatefulRedisConnection<String, String> connection) {
        this.connection = connection;
    }

    /**
     * Appends every entry (pipelined) and waits for all; an entry whose key was seen before is
     * skipped silently. Throws {@link DriftException.Retryable} when Redis fails: the caller keeps its
     * records and tries again later, which is safe.
     */
    public void appendAll(List<Append> appends, Duration dedupTtl, long maxLen) {
        RedisAsyncCommands<String, String> async = connection.async();
        List<RedisFuture<Object>> futures = new ArrayList<>(appends.size());
        for (Append a : appends) {
            String[] keys = {"drift:once:" + a.idempotencyKey(), a.stream()};
            List<String> args = new ArrayList<>(2 + a.fields().size() * 2);
            args.add(Long.toString(dedupTtl.toMillis()));
            args.add(Long.toString(maxLen));
            a.fields().forEach((k, v) -> {
                args.add(k);
                args.add(v);
            });
            futures.add(async.eval(SCRIPT, ScriptOutputType.VALUE, keys, args.toArray(String[]::new)));
        }
        for (RedisFuture<Object> f : futures) {
            await(f);
        }
    }

    private static void await(RedisFuture<?> future) {
        try {
            future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriftException.Retryable("interrupted while appending to Redis", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new DriftException.Retryable("could not append to Redis: " + e.getMessage(), e);
        }
    }
}

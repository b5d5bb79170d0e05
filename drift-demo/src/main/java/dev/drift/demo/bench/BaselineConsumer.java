package dev.drift.demo.bench;

import io.lettuce.core.Consumer;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;

/**
 * The baseline: a consumer that only reads and acknowledges, with the same batch size and the same
 * client library as the service, on the same stream. Nothing can ingest faster than this.
 */
final class BaselineConsumer {
    private BaselineConsumer() {
    }

    /** Reads and acks {@code expected} entries from the start of the stream; returns nanoseconds taken. */
    static long run(StatefulRedisConnection<String, String> connection, int expected, int batchSize) {
        RedisCommands<String, String> redis = connection.sync();
        String group = "bench-baseline-" + System.nanoTime();
        redis.xgroupCreate(XReadArgs.StreamOffset.from(BenchEvents.STREAM, "0"), group, XGroupCreateArgs.Builder.mkstream());
        Consumer<String> me = Consumer.from(group, "baseline");
        long start = System.nanoTime();
        int seen = 0;
        while (seen < expected) {
            List<StreamMessage<String, String>> batch = redis.xreadgroup(me,
                    XReadArgs.Builder.count(batchSize).block(100), XReadArgs.StreamOffset.lastConsumed(BenchEvents.STREAM));
            if (batch.isEmpty()) {
                break;
            }
            redis.xack(BenchEvents.STREAM, group, batch.stream().map(StreamMessage::getId).toArray(String[]::new));
            seen += batch.size();
        }
        long elapsed = System.nanoTime() - start;
        redis.xgroupDestroy(BenchEvents.STREAM, group);
        return elapsed;
    }
}

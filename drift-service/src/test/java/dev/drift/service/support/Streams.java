package dev.drift.service.support;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;
import java.util.Map;

/** A test's own Redis connection, for writing events and reading what the service published. */
public final class Streams implements AutoCloseable {
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    public Streams(String uri) {
        this.client = RedisClient.create(uri);
        this.connection = client.connect();
    }

    public RedisCommands<String, String> redis() {
        return connection.sync();
    }

    /** Appends an entry whose payload is the given JSON; returns the entry id. */
    public String add(String stream, String payloadJson) {
        return redis().xadd(stream, Map.of("payload", payloadJson));
    }

    public String add(String stream, Map<String, String> fields) {
        return redis().xadd(stream, fields);
    }

    /** Every entry of the stream whose {@code ci_id} field equals the CI. */
    public List<StreamMessage<String, String>> entriesFor(String stream, String ci) {
        return redis().xrange(stream, Range.unbounded()).stream()
                .filter(m -> ci.equals(m.getBody().get("ci_id"))).toList();
    }

    public List<StreamMessage<String, String>> all(String stream) {
        return redis().xrange(stream, Range.unbounded());
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}

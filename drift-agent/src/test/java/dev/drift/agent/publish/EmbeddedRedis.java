package dev.drift.agent.publish;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import redis.embedded.RedisServer;

/**
 * A real Redis (from the embedded-redis jar) on a free loopback port that a test can stop and start
 * again. It keeps an append-only file in {@code dataDirectory}, so entries survive a restart the way
 * they would on a production server.
 */
final class EmbeddedRedis implements AutoCloseable {
    private final int port;
    private final RedisServer server;
    private final RedisClient client;

    private EmbeddedRedis(int port, RedisServer server) {
        this.port = port;
        this.server = server;
        this.client = RedisClient.create("redis://127.0.0.1:" + port);
    }

    static EmbeddedRedis start(Path dataDirectory) {
        int port = Events.freePort();
        try {
            RedisServer server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("dir " + dataDirectory)
                    .setting("save \"\"")
                    .setting("appendonly yes")
                    .setting("appendfsync always")
                    .build();
            EmbeddedRedis redis = new EmbeddedRedis(port, server);
            redis.startAgain();
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded Redis", e);
        }
    }

    int port() {
        return port;
    }

    void stop() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop embedded Redis", e);
        }
    }

    void startAgain() {
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded Redis", e);
        }
    }

    /** Makes Redis hold every write command for a while, as a server too busy to answer would. */
    void pauseWrites(Duration duration) {
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().clientPause(duration.toMillis());
        }
    }

    /** Every entry of the stream, oldest first. */
    List<StreamMessage<String, String>> entries(String stream) {
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().xrange(stream, Range.create("-", "+"));
        }
    }

    long length(String stream) {
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().xlen(stream);
        }
    }

    @Override
    public void close() {
        client.shutdown();
        stop();
    }
}

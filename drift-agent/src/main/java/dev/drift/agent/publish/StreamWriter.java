package dev.drift.agent.publish;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * XADDs entries over one lettuce connection with a short command timeout. The connection is opened
 * on first use and dropped on any failure; the next call reconnects. Lettuce's own reconnect is off
 * so a command never waits in a queue for a server that is down: it fails now and the caller
 * spools.
 */
final class StreamWriter implements AutoCloseable {
    private final ClientResources resources;
    private final RedisClient client;
    private final XAddArgs trim;
    private StatefulRedisConnection<String, String> connection;

    StreamWriter(RedisURI uri, Duration commandTimeout, long maxStreamLength) {
        uri.setTimeout(commandTimeout);
        // Lettuce's minimum; its default is a pool per core, more than one connection needs.
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2).build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(commandTimeout).build())
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .build());
        this.trim = XAddArgs.Builder.maxlen(maxStreamLength).approximateTrimming();
    }

    /** Adds the entry {@code payload=<payload> ci_id=<ciId>} to its stream, trimmed to about the cap. */
    synchronized Delivery add(StreamEntry entry) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("payload", entry.payload());
        fields.put("ci_id", entry.ciId());
        try {
            return new Delivery.Sent(connection().sync().xadd(entry.stream(), trim, fields));
        } catch (RuntimeException e) {
            // RedisException for refused, timed out and connection-lost commands; anything else
            // from the client is just as much "not confirmed", and the entry is safer spooled.
            disconnect();
            return new Delivery.Failed(e.getMessage());
        }
    }

    private StatefulRedisConnection<String, String> connection() {
        if (connection == null || !connection.isOpen()) {
            disconnect();
            connection = client.connect();
        }
        return connection;
    }

    private void disconnect() {
        if (connection != null) {
            connection.closeAsync();
            connection = null;
        }
    }

    @Override
    public synchronized void close() {
        connection = null;
        // Shutting the client down closes its connection; closing it here as well would race that.
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}

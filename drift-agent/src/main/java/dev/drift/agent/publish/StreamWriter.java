package dev.drift.agent.publish;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * XADDs entries over one lettuce connection with a short command timeout. The connection is opened
 * on first use and dropped on any failure; the next call reconnects. Lettuce's own reconnect is off
 * so a command never waits in a queue for a server that is down: it fails now and the caller
 * spools. The client is built for this one command ({@link AgentClientResources},
 * {@link DispatchOnlyRedisClient}): XADD is dispatched as lettuce's {@code Command} with the
 * arguments its command builder would give it.
 */
final class StreamWriter implements AutoCloseable {
    private final AgentClientResources resources;
    private final DispatchOnlyRedisClient client;
    private final XAddArgs trim;
    private final long timeoutMillis;
    private StatefulRedisConnection<String, String> connection;

    StreamWriter(RedisURI uri, Duration commandTimeout, long maxStreamLength) {
        uri.setTimeout(commandTimeout);
        this.resources = new AgentClientResources();
        this.client = new DispatchOnlyRedisClient(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(commandTimeout).build())
                .build());
        this.trim = XAddArgs.Builder.maxlen(maxStreamLength).approximateTrimming();
        this.timeoutMillis = commandTimeout.toMillis();
    }

    /** Adds the entry {@code payload=<payload> ci_id=<ciId>} to its stream, trimmed to about the cap. */
    synchronized Delivery add(StreamEntry entry) {
        try {
            AsyncCommand<String, String, String> xadd = xadd(entry);
            connection().dispatch(xadd);
            // Waits at most the command timeout, then cancels the command: the entry is spooled.
            return new Delivery.Sent(LettuceFutures.awaitOrCancel(xadd, timeoutMillis, TimeUnit.MILLISECONDS));
        } catch (RuntimeException e) {
            // RedisException for refused, timed out and connection-lost commands; anything else
            // from the client is just as much "not confirmed", and the entry is safer spooled.
            disconnect();
            return new Delivery.Failed(e.getMessage());
        }
    }

    /** {@code XADD <stream> MAXLEN ~ <cap> * payload <json> ci_id <ci>}. */
    private AsyncCommand<String, String, String> xadd(StreamEntry entry) {
        CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8).addKey(entry.stream());
        trim.build(args);
        args.add("payload").addValue(entry.payload()).add("ci_id").addValue(entry.ciId());
        return new AsyncCommand<>(new Command<>(CommandType.XADD, new StatusOutput<>(StringCodec.UTF8), args));
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
        resources.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}

package dev.drift.agent.publish;

import io.lettuce.core.RedisAsyncCommandsImpl;
import io.lettuce.core.RedisChannelWriter;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisReactiveCommandsImpl;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StatefulRedisConnectionImpl;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.protocol.PushHandler;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;

/**
 * A lettuce {@link RedisClient} whose connections build none of lettuce's command APIs: their
 * {@code sync()}, {@code async()} and {@code reactive()} are {@code null}, and commands go through
 * {@code dispatch}. A connection otherwise builds all three at once, and with them lettuce's
 * reactive command class (368 KB of bytecode), a dynamic proxy for the synchronous API, and the
 * asynchronous command class (206 KB), each loaded and kept for the life of the process while the
 * agent sends one command, XADD. Connecting, the handshake and the protocol are lettuce's own.
 */
final class DispatchOnlyRedisClient extends RedisClient {
    DispatchOnlyRedisClient(ClientResources resources, RedisURI uri) {
        super(resources, uri);
    }

    @Override
    protected <K, V> StatefulRedisConnectionImpl<K, V> newStatefulRedisConnection(RedisChannelWriter writer,
            PushHandler pushHandler, RedisCodec<K, V> codec, Duration timeout) {
        return new StatefulRedisConnectionImpl<>(writer, pushHandler, codec, timeout, getOptions().getJsonParser()) {
            @Override
            protected RedisAsyncCommandsImpl<K, V> newRedisAsyncCommandsImpl() {
                return null;
            }

            @Override
            protected RedisCommands<K, V> newRedisSyncCommandsImpl() {
                return null;
            }

            @Override
            protected RedisReactiveCommandsImpl<K, V> newRedisReactiveCommandsImpl() {
                return null;
            }
        };
    }
}

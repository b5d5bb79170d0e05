package dev.drift.service.system;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * The lettuce client and the shared, non-blocking connection. Components that issue blocking
 * commands (XREADGROUP with BLOCK) open their own connection from the client.
 *
 * <p>While Redis is away, lettuce reconnects by itself and commands are rejected at once rather than
 * queued until the command timeout (a minute): every user of Redis here retries on its own, and
 * a failure it sees now is one that {@code /health} and the metrics can report now.
 */
@Factory
final class RedisFactory {

    @Singleton
    @Bean(preDestroy = "shutdown")
    RedisClient redisClient(RedisProperties properties) {
        RedisClient client = RedisClient.create(RedisURI.create(properties.uri()));
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        return client;
    }

    @Singleton
    @Bean(preDestroy = "close")
    StatefulRedisConnection<String, String> sharedRedisConnection(RedisClient client) {
        return client.connect();
    }
}

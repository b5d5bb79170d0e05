package dev.drift.service.system;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * The lettuce client and the shared, non-blocking connection. Components that issue blocking
 * commands (XREADGROUP with BLOCK) open their own connection from the client.
 */
@Factory
final class RedisFactory {

    @Singleton
    @Bean(preDestroy = "shutdown")
    RedisClient redisClient(RedisProperties properties) {
        return RedisClient.create(RedisURI.create(properties.uri()));
    }

    @Singleton
    @Bean(preDestroy = "close")
    StatefulRedisConnection<String, String> sharedRedisConnection(RedisClient client) {
        return client.connect();
    }
}

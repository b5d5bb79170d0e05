package dev.drift.service.system;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * Where Redis is.
 *
 * @param uri a lettuce URI, {@code redis://host:port[/db]} or {@code rediss://...} (env {@code DRIFT_REDIS_URI})
 */
@ConfigurationProperties(RedisProperties.PREFIX)
public record RedisProperties(@NotBlank @Pattern(regexp = "rediss?(\\+sentinel)?://.+",
        message = "must be a redis:// or rediss:// URI") String uri) {
    public static final String PREFIX = "drift.redis";
}

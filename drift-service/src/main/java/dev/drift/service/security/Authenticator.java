package dev.drift.service.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.util.StringUtils;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;

/**
 * Turns a bearer token into a {@link Caller}: the bootstrap admin token (compared in constant time)
 * or a live stored token, found by the SHA-256 of the value.
 *
 * <p>Lookups are cached for {@link #CACHE_TTL}, so a token revoked on another instance stops working
 * there within that time; {@link #forgetAll()} makes a revocation on this instance take effect at
 * once. Unknown tokens are cached too, so repeating a wrong token costs no database round trip.
 */
@Singleton
@Requires(property = SecurityProperties.PREFIX + ".enabled", notEquals = StringUtils.FALSE)
final class Authenticator {
    static final Duration CACHE_TTL = Duration.ofSeconds(10);
    static final String BOOTSTRAP_NAME = "bootstrap";
    private static final int CACHE_SIZE = 10_000;

    private final ApiTokenStore store;
    private final Optional<String> bootstrapToken;
    private final Cache<String, Optional<Caller>> byHash = Caffeine.newBuilder()
            .expireAfterWrite(CACHE_TTL)
            .maximumSize(CACHE_SIZE)
            .build();

    Authenticator(ApiTokenStore store, SecurityProperties properties) {
        this.store = store;
        this.bootstrapToken = Optional.ofNullable(properties.bootstrapAdminToken());
    }

    /** The caller the token belongs to; empty for an unknown or revoked token. */
    Optional<Caller> authenticate(String token) {
        if (token.isEmpty() || token.length() > TokenValues.MAX_LENGTH) {
            return Optional.empty();
        }
        if (bootstrapToken.filter(expected -> TokenValues.sameSecret(token, expected)).isPresent()) {
            return Optional.of(new Caller(BOOTSTRAP_NAME, Role.ADMIN));
        }
        if (!token.startsWith(TokenValues.PREFIX)) {
            return Optional.empty();
        }
        return byHash.get(TokenValues.hash(token), hash -> store.useLive(hash).map(ApiToken::caller));
    }

    /** Drops every cached lookup: the next request with any token reads the database again. */
    void forgetAll() {
        byHash.invalidateAll();
    }
}

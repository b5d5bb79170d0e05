package dev.drift.service.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;
import java.util.UUID;

/** What {@code /drift/tokens} answers. */
final class TokenViews {
    private TokenViews() {
    }

    /** A token in a list: never its value or hash. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record Listed(UUID id, String name, String role, Instant createdAt, String createdBy,
                  @Nullable Instant revokedAt, @Nullable Instant lastUsedAt) {
        static Listed of(ApiToken t) {
            return new Listed(t.id(), t.name(), t.role().wireName(), t.createdAt(), t.createdBy(), t.revokedAt(),
                    t.lastUsedAt());
        }
    }

    /** A token just created, with its value: the only time anyone sees it. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record Issued(UUID id, String name, String role, Instant createdAt, String createdBy, String token) {
        static Issued of(ApiToken t, String token) {
            return new Issued(t.id(), t.name(), t.role().wireName(), t.createdAt(), t.createdBy(), token);
        }
    }
}

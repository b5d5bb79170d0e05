package dev.drift.service.security;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.UUID;

/**
 * A stored API token as anyone may see it: never its value, never its hash.
 *
 * @param lastUsedAt when a request last authenticated with it, to within the lookup cache's lifetime
 */
record ApiToken(UUID id, String name, Role role, Instant createdAt, String createdBy,
                @Nullable Instant revokedAt, @Nullable Instant lastUsedAt) {

    Caller caller() {
        return new Caller(name, role);
    }
}

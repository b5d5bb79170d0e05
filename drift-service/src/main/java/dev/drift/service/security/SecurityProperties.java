package dev.drift.service.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * API security settings.
 *
 * @param enabled             require a bearer token on {@code /drift/**} (except the NetBox webhook,
 *                            which is signed); {@code false} switches tokens, roles and rate limits off
 * @param bootstrapAdminToken a token that always authenticates as {@code bootstrap} with role admin,
 *                            to create the first tokens; at least {@value #MIN_BOOTSTRAP_LENGTH}
 *                            characters; absent by default
 * @param rateLimit           requests per second each token may make; more get 429
 *
 * <p>Bound when the service starts ({@code @Context}), so a bootstrap token that is too short stops it.
 */
@Context
@ConfigurationProperties(SecurityProperties.PREFIX)
record SecurityProperties(
        @Bindable(defaultValue = "true") boolean enabled,
        @Nullable String bootstrapAdminToken,
        @Bindable(defaultValue = "50") int rateLimit) {
    static final String PREFIX = "drift.security";
    static final int MIN_BOOTSTRAP_LENGTH = 24;

    SecurityProperties {
        if (bootstrapAdminToken != null && bootstrapAdminToken.isBlank()) {
            bootstrapAdminToken = null;
        }
        if (bootstrapAdminToken != null && bootstrapAdminToken.length() < MIN_BOOTSTRAP_LENGTH) {
            throw new IllegalArgumentException(PREFIX + ".bootstrap-admin-token (DRIFT_BOOTSTRAP_ADMIN_TOKEN) must be"
                    + " at least " + MIN_BOOTSTRAP_LENGTH + " characters long; refusing to start with a guessable"
                    + " admin token");
        }
        if (rateLimit < 1) {
            throw new IllegalArgumentException(PREFIX + ".rate-limit must be at least 1 request per second: "
                    + rateLimit);
        }
    }

    /** The bootstrap token is a secret: it never shows in logs or error messages. */
    @Override
    public String toString() {
        return "SecurityProperties[enabled=" + enabled + ", bootstrapAdminToken="
                + (bootstrapAdminToken == null ? "none" : "(set)") + ", rateLimit=" + rateLimit + "]";
    }
}

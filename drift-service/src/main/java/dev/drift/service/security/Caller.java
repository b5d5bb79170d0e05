package dev.drift.service.security;

import io.micronaut.http.HttpRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * Who made an API request: the name and role of the bearer token it carried ({@code bootstrap} for
 * the bootstrap admin token). The security filter stores it as a request attribute once the token
 * is verified and the role is sufficient, so a controller can record it as the actor of a change:
 *
 * <pre>{@code
 * @Post("/{id}/acknowledge")
 * DriftEventDetail acknowledge(HttpRequest<?> request, @PathVariable UUID id, @Body AcknowledgeRequest body) {
 *     String actor = Caller.of(request).map(Caller::name).orElse("api");
 *     ...
 * }
 * }</pre>
 *
 * <p>It is empty when security is switched off ({@code drift.security.enabled=false}) and for paths
 * the filter does not guard (the NetBox webhook, {@code /health}).
 *
 * @param name the token's name
 * @param role the token's role
 */
public record Caller(String name, Role role) {
    /** The request attribute holding the caller. */
    public static final String ATTRIBUTE = "drift.security.caller";

    public Caller {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
    }

    /** The verified caller of the request, if the security filter authenticated one. */
    public static Optional<Caller> of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, Caller.class);
    }
}
